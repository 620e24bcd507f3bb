/**
 * `npm run lab`: the lab in the foreground with the demo fixtures. Writes data/lab.json for other
 * tools; Ctrl-C (SIGINT/SIGTERM) stops every process it started and removes its files.
 *
 * Env: LAB_PORT (default: a free port), LAB_DIR (default data/lab/run-<pid>),
 * LAB_SOURCE_KEYS (default 30000), LAB_CLUSTER_KEYS (default LAB_SOURCE_KEYS, the cluster source), LAB_REPLICATE_KEYS (default 20000), LAB_WRITE_RATE ops/s (default 200, on the
 * self-managed source and on ferry-replicate-source), LAB_METRICS_PERIOD_MS (default 5000),
 * LAB_FAST=1 for test-speed transitions, LAB_FILE (default data/lab.json), LAB_KEEP_WRITING=1 to
 * keep writing to the source after a cutover (by default its write load stops, as clients would switch).
 */
import fs from "node:fs";
import path from "node:path";
import { DEMO_DELAYS, TEST_DELAYS } from "./context";
import { labFile, writeLabFile } from "./lab-file";
import { startLab } from "./start-lab";

const env = process.env;
const root = process.cwd();
const labJson = path.resolve(root, env.LAB_FILE ?? path.join("data", "lab.json"));
const dir = env.LAB_DIR ?? path.join(root, "data", "lab", `run-${process.pid}`);

async function main(): Promise<void> {
  console.log("[lab] starting (loading demo data takes a few seconds)...");
  const lab = await startLab({
    dir,
    port: env.LAB_PORT ? Number(env.LAB_PORT) : undefined,
    delays: env.LAB_FAST ? TEST_DELAYS : DEMO_DELAYS,
    metricsPeriodMs: Number(env.LAB_METRICS_PERIOD_MS ?? 5000),
    selfManaged: [{
      name: "source",
      keys: Number(env.LAB_SOURCE_KEYS ?? 30_000),
      writeOpsPerSec: Number(env.LAB_WRITE_RATE ?? 200),
      // After cutover the demo's "applications" write to the new primary, not the old one.
      stopWriteLoadOnCutover: env.LAB_KEEP_WRITING !== "1",
    }, {
      // A self-managed 3-shard Redis Cluster (a replica per shard) under a write load routed by slot.
      name: "cluster-source",
      cluster: { shards: 3, replicasPerShard: 1 },
      keys: Number(env.LAB_CLUSTER_KEYS ?? env.LAB_SOURCE_KEYS ?? 30_000),
      writeOpsPerSec: Number(env.LAB_WRITE_RATE ?? 200),
      stopWriteLoadOnCutover: env.LAB_KEEP_WRITING !== "1",
    }],
    // Key-level replication out of ElastiCache: a custom parameter group with notifications off,
    // so the operator meets the pre-flight failure and its consented fix.
    parameterGroups: [{ name: "ferry-no-notifications", account: "A", parameters: { "notify-keyspace-events": "" } }],
    groups: [
      { id: "ferry-online-target", account: "A", nodes: 2, multiAZ: true, transitEncryption: false },
      // A second empty target, for the API's end-to-end migration (e2e/api-online.spec.ts).
      { id: "ferry-api-target", account: "A", nodes: 2, multiAZ: true, transitEncryption: false },
      // Cluster mode enabled, 3 shards of 2 nodes: the online target of the cluster source.
      { id: "ferry-cluster-target", account: "A", shards: 3, nodes: 2, multiAZ: true, transitEncryption: false },
      { id: "ferry-snapshot-source", account: "A", nodes: 1, keys: 20_000 },
      { id: "ferry-replicate-source", account: "A", nodes: 2, keys: Number(env.LAB_REPLICATE_KEYS ?? 20_000),
        writeOpsPerSec: Number(env.LAB_WRITE_RATE ?? 200), parameterGroupName: "ferry-no-notifications" },
    ],
    managedTargets: [{ name: "ferry-managed-target" }],
    // Online migration into ElastiCache Serverless (Valkey 8.1): the self-managed source moves here.
    serverlessCaches: [{ name: "ferry-serverless-target", account: "A" }],
    buckets: [
      { name: "ferry-export-a", account: "A", elastiCacheExportGrants: true },
      { name: "ferry-import-b", account: "B", ownership: "BucketOwnerPreferred" },
    ],
  });
  writeLabFile(
    labJson,
    labFile(lab, {
      groups: [
        { id: "ferry-online-target", account: "A", role: "online-migration-target" },
        { id: "ferry-api-target", account: "A", role: "online-migration-target" },
        { id: "ferry-cluster-target", account: "A", role: "cluster-online-migration-target" },
        { id: "ferry-snapshot-source", account: "A", role: "snapshot-source" },
        { id: "ferry-replicate-source", account: "A", role: "replicate-source" },
      ],
      managedTargets: { "ferry-managed-target": "replicate-target" },
      serverlessCaches: [{ name: "ferry-serverless-target", account: "A", role: "serverless-migration-target" }],
      buckets: [
        { name: "ferry-export-a", account: "A", role: "snapshot-export" },
        { name: "ferry-import-b", account: "B", role: "snapshot-import" },
      ],
    }),
  );
  console.log(`[lab] AWS endpoint ${lab.endpoint} (region ${lab.region}); admin ${lab.endpoint}/_lab/state`);
  for (const s of lab.selfManaged) console.log(`[lab] self-managed ${s.name} at ${s.host}:${s.port}`);
  for (const c of ["ferry-serverless-target"]) console.log(`[lab] serverless cache ${c}, endpoint 127.0.0.1:${lab.serverlessCache(c)?.endpointPort}`);
  for (const t of lab.managedTargets) console.log(`[lab] managed target ${t.name} at ${t.host}:${t.port} (TLS, user ${t.username}; CA and password in lab.json)`);
  console.log(`[lab] wrote ${path.relative(root, labJson)}; Ctrl-C to stop`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[lab] ${signal}: stopping...`);
    await lab.stop().catch((err) => console.error("[lab] stop failed:", err));
    // Only remove lab.json if it still describes this process (another lab may have replaced it).
    try {
      if (JSON.parse(fs.readFileSync(labJson, "utf8")).pid === process.pid) fs.rmSync(labJson);
    } catch {
      /* already gone */
    }
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err) => {
  console.error("[lab] failed to start:", err);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
