import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ELASTICACHE_CANONICAL_ID, LAB_ACCOUNTS, LAB_REGION } from "./accounts";
import type { LabCall } from "./call-log";
import { MetricSampler } from "./cloudwatch/sampler";
import { LabContext, TEST_DELAYS, type LabDelays } from "./context";
import { loadDemoData } from "./demo-data";
import { createFixtureGroup, type GroupFixture } from "./elasticache/fixture-group";
import { NODE_ARGS, stopGroupNodes } from "./elasticache/group-nodes";
import { createParameterGroup } from "./elasticache/parameter-groups";
import { primaryOf } from "./elasticache/state";
import type { TFaultSpec } from "./faults";
import { labState } from "./http/admin";
import { startHttpServer } from "./http/server";
import { startManagedTarget, type ManagedTargetFixture } from "./managed-target";
import { createServerlessCacheIn, stopServerlessCache, type ServerlessCacheFixture } from "./elasticache/serverless";
import { startRedis, type RedisProcess } from "./redis-process";
import { startRedisCluster } from "./redis-cluster";
import { ownerFull, type Grant, type Ownership } from "./s3/acl";
import { S3Store } from "./s3/store";
import { startWriteLoad, type WriteLoad } from "./write-load";

export type SelfManagedFixture = {
  name: string;
  keys?: number;
  writeOpsPerSec?: number;
  args?: string[];
  /** Stop the write load when a migration from this source cuts over, as clients would switch. */
  stopWriteLoadOnCutover?: boolean;
  /** A self-managed Redis Cluster instead of one node: data and write load are routed by slot. */
  cluster?: { shards: number; replicasPerShard?: number };
};
/** A custom cache parameter group that exists when the lab starts (groups name it in `parameterGroupName`). */
export type ParameterGroupFixture = { name: string; account?: "A" | "B"; family?: string; parameters?: Record<string, string> };
export type BucketFixture = { name: string; account: "A" | "B"; ownership?: Ownership; elastiCacheExportGrants?: boolean };

export type StartLabOptions = {
  /** Where nodes, snapshots and S3 objects live; default a fresh temp dir. Removed by stop(). */
  dir?: string;
  port?: number;
  delays?: Partial<LabDelays>;
  /** CloudWatch sampling period (ms); AWS uses 60 s, the lab may use less. Default 1000. */
  metricsPeriodMs?: number;
  selfManaged?: SelfManagedFixture[];
  parameterGroups?: ParameterGroupFixture[];
  /** `writeOpsPerSec`: the demo's applications writing to the group's primary. */
  groups?: (GroupFixture & { keys?: number; writeOpsPerSec?: number })[];
  buckets?: BucketFixture[];
  /** TLS + ACL-user servers that refuse RESTORE and REPLICAOF (see managed-target.ts). */
  managedTargets?: ManagedTargetFixture[];
  /** ElastiCache Serverless caches, available at start (online migration into serverless). */
  serverlessCaches?: ServerlessCacheFixture[];
};

export type SelfManagedRedis = {
  name: string;
  host: "127.0.0.1";
  /** The node to register (for a cluster: any node, here the first shard's primary). */
  port: number;
  pid: number;
  /** A cluster's shards as formed: slot range, primary port, replica ports. */
  shards?: { slots: [number, number]; primary: number; replicas: number[] }[];
};

export type Lab = Awaited<ReturnType<typeof startLab>>;

/** Starts the lab: the HTTP endpoint, the metrics sampler and the requested fixtures. */
export async function startLab(opts: StartLabOptions = {}) {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "ferry-lab-"));
  fs.mkdirSync(dir, { recursive: true });
  const ctx = new LabContext(dir, LAB_REGION, { ...TEST_DELAYS, ...opts.delays }, new S3Store(dir));
  const sampler = new MetricSampler(ctx, opts.metricsPeriodMs ?? 1000);
  const server = await startHttpServer(ctx, sampler, opts.port);
  // Ferry code in this process reaches the lab as the demo and e2e servers do, through
  // AWS_ENDPOINT_URL: an endpoint row's own override covers ElastiCache only, not CloudWatch or S3.
  const previousEndpoint = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = server.url;
  const processes: RedisProcess[] = [];
  const loads: WriteLoad[] = [];
  const selfManaged: SelfManagedRedis[] = [];

  const addSelfManaged = async (f: SelfManagedFixture): Promise<SelfManagedRedis> => {
    // protected-mode off and no AUTH: what AWS requires of an online-migration source.
    const args = [...NODE_ARGS, "--protected-mode", "no", ...(f.args ?? [])];
    const baseDir = path.join(dir, "self-managed");
    const cluster = f.cluster
      ? await startRedisCluster({ name: f.name, baseDir, args, shards: f.cluster.shards, replicasPerShard: f.cluster.replicasPerShard ?? 1 })
      : undefined;
    const r = cluster ? cluster.shards[0].primary : await startRedis({ name: f.name, baseDir, args });
    processes.push(...(cluster?.nodes ?? [r]));
    const routed = !!cluster;
    if (f.keys) await loadDemoData({ port: r.port, keys: f.keys, bigKeyElements: Math.min(20_000, Math.ceil(f.keys / 2)), cluster: routed });
    if (f.writeOpsPerSec) {
      const load = startWriteLoad({ port: r.port, opsPerSec: f.writeOpsPerSec, cluster: routed });
      loads.push(load);
      ctx.writeLoads.set(f.name, load);
      if (f.stopWriteLoadOnCutover) {
        ctx.cutoverHooks.push(async (source) => {
          if (!(cluster?.nodes ?? [r]).some((n) => n.port === source.port)) return;
          await load.stop();
          console.log(`[lab] cutover from ${f.name}: its clients stopped writing to it (write load stopped)`);
        });
      }
    }
    const shards = cluster?.shards.map((sh) => ({ slots: sh.slots, primary: sh.primary.port, replicas: sh.replicas.map((x) => x.port) }));
    const sm = { name: f.name, host: r.host, port: r.port, pid: r.pid, shards };
    selfManaged.push(sm);
    return sm;
  };

  try {
    for (const f of opts.selfManaged ?? []) await addSelfManaged(f);
    for (const f of opts.parameterGroups ?? []) {
      const account = LAB_ACCOUNTS[f.account ?? "A"];
      const pg = createParameterGroup(ctx, account, { name: f.name, family: f.family ?? "redis7", description: `lab fixture ${f.name}` });
      for (const [k, v] of Object.entries(f.parameters ?? {})) pg.values.set(k, v);
    }
    for (const f of opts.groups ?? []) {
      const g = await createFixtureGroup(ctx, LAB_ACCOUNTS[f.account ?? "A"], f);
      const port = primaryOf(g.shards[0]).redis.port;
      const cluster = g.clusterEnabled;
      if (f.keys) await loadDemoData({ port, keys: f.keys, bigKeyElements: Math.min(20_000, Math.ceil(f.keys / 2)), seed: 99, cluster });
      if (f.writeOpsPerSec) {
        const load = startWriteLoad({ port, opsPerSec: f.writeOpsPerSec, seed: 11, cluster });
        loads.push(load);
        ctx.writeLoads.set(f.id, load);
      }
    }
    for (const b of opts.buckets ?? []) addBucket(ctx, b);
    for (const f of opts.managedTargets ?? []) {
      const m = await startManagedTarget(path.join(dir, "managed"), f);
      processes.push(m.process);
      ctx.managedTargets.push(m.target);
    }
    for (const f of opts.serverlessCaches ?? []) await createServerlessCacheIn(ctx, LAB_ACCOUNTS[f.account ?? "A"], f, true);
  } catch (err) {
    await stopAll();
    throw err;
  }
  sampler.start();
  ctx.fixturesReady = true;

  async function stopAll(): Promise<void> {
    if (process.env.AWS_ENDPOINT_URL === server.url) {
      if (previousEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = previousEndpoint;
    }
    sampler.stop();
    await Promise.all(loads.map((l) => l.stop()));
    await ctx.stop();
    await server.close();
    for (const g of ctx.groups.values()) await stopGroupNodes(ctx, g);
    for (const c of ctx.serverlessCaches.values()) await stopServerlessCache(ctx, c);
    await Promise.all(processes.map((p) => p.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  }

  return {
    endpoint: server.url,
    region: LAB_REGION,
    dir,
    accounts: LAB_ACCOUNTS,
    elastiCacheCanonicalId: ELASTICACHE_CANONICAL_ID,
    selfManaged,
    managedTargets: ctx.managedTargets,
    groups: (opts.groups ?? []).map((g) => g.id),
    /** The lab's Secrets Manager: PrepareMigration reads the source's AUTH from the secret ARN. */
    putSecret: (arn: string, value: { username?: string; password: string }) => void ctx.secrets.set(arn, value),
    /** A serverless cache's endpoint port, its node's port (the lab's back door for tests) and client count. */
    serverlessCache: (name: string, account: "A" | "B" = "A") => {
      const c = ctx.serverlessCaches.get(`${LAB_ACCOUNTS[account].accountId}/${name}`);
      return c && { endpointPort: c.proxy?.port, nodePort: c.node?.port, clients: c.proxy?.connections() ?? 0, migration: c.migration?.status };
    },
    buckets: (opts.buckets ?? []).map((b) => b.name),
    addSelfManaged,
    faults: {
      add: (spec: TFaultSpec) => ctx.faults.add(spec),
      remove: (id: string) => ctx.faults.remove(id),
      clear: () => ctx.faults.clear(),
    },
    calls: (filter?: { service?: string; action?: string; groupId?: string }): LabCall[] => ctx.calls.list(filter),
    resetCalls: () => ctx.calls.reset(),
    /** Takes a metrics sample of every node now, so tests need not wait a period. */
    sampleMetrics: () => sampler.sampleNow(),
    state: () => labState(ctx),
    stop: stopAll,
  };
}

function addBucket(ctx: LabContext, b: BucketFixture): void {
  const owner = LAB_ACCOUNTS[b.account].canonicalId;
  // Export grants need ACLs, so such a bucket cannot keep the BucketOwnerEnforced default.
  const ownership = b.ownership ?? (b.elastiCacheExportGrants ? "BucketOwnerPreferred" : "BucketOwnerEnforced");
  const acl: Grant[] = [ownerFull(owner)];
  if (b.elastiCacheExportGrants) {
    for (const permission of ["READ", "WRITE", "READ_ACP"] as const) acl.push({ grantee: { type: "CanonicalUser", id: ELASTICACHE_CANONICAL_ID }, permission });
  }
  ctx.s3.buckets.set(b.name, { name: b.name, ownerId: owner, region: LAB_REGION, createdAt: new Date(), ownership, acl, objects: new Map() });
}
