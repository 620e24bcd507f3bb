import type { TServerlessCacheView } from "../aws/serverless-migration-query";
import type { RedisFacts } from "./redis-facts";
import { ONLINE_REQUIRED_COMMANDS, renamedCommandsCheck } from "./source-checks";
import { bindCheck, ELASTICACHE_READER, protectedModeCheck } from "./source-reader-checks";
import { check, type PreflightCheck } from "./types";
import { parseVersion } from "./versions";

/** What pre-flight learned of the serverless target and the operator's migration options. */
export type TServerlessTargetFacts = {
  name: string;
  cache: TServerlessCacheView | null;
  /** Why the cache could not be described, when it could not. */
  error?: string;
  /** Keys the cache holds, read through its endpoint while no migration proxies it; null when not read. */
  keys: number | null;
  secretArn?: string;
  tlsMode: "none" | "verify-ca";
  sourceTls: boolean;
};

const RANGES = { valkey: { min: [7, 2], max: [8, 1], label: "Valkey 7.2-8.1" }, redis: { min: [4, 0], max: [7, 2], label: "Redis OSS 4.0-7.2" } } as const;
const mm = (v: string | null | undefined) => parseVersion(v)?.slice(0, 2) ?? null;
const cmp = (a: readonly number[], b: readonly number[]) => a[0] - b[0] || a[1] - b[1];
const PRIVATE = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|127\.|localhost$)|\.cache\.amazonaws\.com$/;

/** Pure: the prerequisites AWS documents for online migration into ElastiCache Serverless (REFERENCE.md section 8). */
export function serverlessOnlineChecks(s: RedisFacts | null, t: TServerlessTargetFacts): PreflightCheck[] {
  const out: PreflightCheck[] = [...targetChecks(t)];
  if (s) {
    out.push(engineCheck(s), authCheck(s, t), tlsCheck(t), bindCheck(s, ELASTICACHE_READER),
      renamedCommandsCheck(s, "source", ONLINE_REQUIRED_COMMANDS, "ElastiCache replicates with SYNC/PSYNC/REPLCONF and inspects the source with INFO, CONFIG, COMMAND and CLUSTER."),
      notificationsNote(s));
    if (s.requiresAuth === false) out.push(protectedModeCheck(s, ELASTICACHE_READER));
    if (t.cache) out.push(notAboveTargetCheck(s, t.cache));
  }
  return out;
}

function targetChecks(t: TServerlessTargetFacts): PreflightCheck[] {
  const c = t.cache;
  if (!c) {
    return [check("target.serverless", "target", `Serverless cache ${t.name} is visible`, "fail", t.error ?? "DescribeServerlessCaches found nothing.", "Ferry drives the migration through the ElastiCache API.",
      "Check the cache name, region and credential source; allow elasticache:DescribeServerlessCaches, PrepareMigration, StartMigration, StopMigration and CompleteMigration.")];
  }
  const m = c.migration;
  const addr = c.endpoint?.address ?? "";
  return [
    check("target.available", "target", "The cache is available", c.status === "available" ? "pass" : "fail", `${c.name} is ${c.status}.`, "PrepareMigration needs an available cache.", "Wait until the cache is available (or create it again if it failed)."),
    m
      ? check("target.no-migration", "target", "The cache has no migration under way", /stop/i.test(m.status) ? "warn" : "fail", `MigrationSummary says ${m.status}${m.cutoverMode ? ` (${m.cutoverMode} cutover)` : ""}.`,
        "A cache takes one migration at a time; a stopped one can be restarted with ClearTargetCacheData.",
        /stop/i.test(m.status) ? "To restart: confirm \"Clear the cache's data\" (type the cache's name) in the serverless options." : "Finish or stop the running migration first.")
      : check("target.empty", "target", "The cache is empty", t.keys === null ? "unknown" : t.keys === 0 ? "pass" : "fail", t.keys === null ? "Ferry could not read the cache's keyspace through its endpoint." : `${c.name} holds ${t.keys} key(s).`,
        "StartMigration refuses a cache that holds data unless ClearTargetCacheData replaces it.", "Use an empty cache, or confirm \"Clear the cache's data\" in the serverless options if its data is disposable."),
    check("target.ipv4", "target", "The cache uses IPv4", !c.networkType ? "unknown" : c.networkType === "ipv4" ? "pass" : "fail", `NetworkType is ${c.networkType ?? "not reported"}.`,
      "Online migration into serverless needs an IPv4 cache.", "Create the cache with NetworkType ipv4 (it cannot be changed afterwards)."),
    check("target.no-public-endpoint", "target", "The cache has no public endpoint", !addr ? "unknown" : PRIVATE.test(addr) ? "pass" : "fail", `Endpoint ${addr || "not reported"}${c.subnetIds.length ? ` in subnets ${c.subnetIds.join(", ")}` : ""}.`,
      "The migration needs a VPC-private cache that reaches the source from its subnets.", "Use a cache in the source's VPC (or a peered one) without a public address."),
  ];
}

function engineCheck(s: RedisFacts): PreflightCheck {
  const range = s.info.engine === "valkey" ? RANGES.valkey : RANGES.redis;
  const v = mm(s.info.version);
  const title = "Source engine and version are supported";
  const why = `AWS migrates into serverless from ${RANGES.valkey.label} or ${RANGES.redis.label}.`;
  const fix = `Upgrade (or downgrade) the source into ${range.label} before migrating.`;
  if (!v) return check("source.engine-version", "source", title, "unknown", "INFO reports no version.", why, fix);
  const ok = cmp(v, range.min) >= 0 && cmp(v, range.max) <= 0;
  return check("source.engine-version", "source", title, ok ? "pass" : "fail", `${s.where} runs ${s.info.engine === "valkey" ? "Valkey" : "Redis OSS"} ${s.info.version}.`, why, fix);
}

function notAboveTargetCheck(s: RedisFacts, c: TServerlessCacheView): PreflightCheck {
  const src = mm(s.info.version);
  const tgt = mm(c.fullEngineVersion ?? c.majorEngineVersion);
  const title = "Source version is not above the cache's";
  const why = "AWS checks at PrepareMigration and StartMigration that the source is not newer than the cache.";
  const fix = `Use a cache with a newer engine (e.g. Valkey 8), or migrate from a source at ${c.engine} ${c.fullEngineVersion ?? c.majorEngineVersion} or older.`;
  if (!src || !tgt) return check("pairing.version", "target", title, "unknown", `source ${s.info.version ?? "?"}, cache ${c.fullEngineVersion ?? c.majorEngineVersion ?? "?"}.`, why, fix);
  return check("pairing.version", "target", title, cmp(src, tgt) <= 0 ? "pass" : "fail", `source ${s.info.version}, cache ${c.engine} ${c.fullEngineVersion ?? c.majorEngineVersion}.`, why, fix);
}

function authCheck(s: RedisFacts, t: TServerlessTargetFacts): PreflightCheck {
  const title = "The cache can authenticate to the source";
  const why = "ElastiCache reads the source's credentials only from a Secrets Manager secret; it never takes a password.";
  const fix = "Store the source's username/password in a Secrets Manager secret that ElastiCache may read, and give its ARN in the serverless options.";
  if (s.requiresAuth === null) return check("source.auth-secret", "source", title, t.secretArn ? "pass" : "unknown", `AUTH requirement not probed; secret ${t.secretArn ? "given" : "not given"}.`, why, fix);
  if (!s.requiresAuth) return check("source.auth-secret", "source", title, "pass", "The source accepts connections without AUTH: no secret needed.", why);
  return t.secretArn
    ? check("source.auth-secret", "source", title, "pass", `The source requires AUTH; secret ${t.secretArn} is given (Ferry cannot read it: make sure it holds the source's credentials).`, why)
    : check("source.auth-secret", "source", title, "fail", "The source requires AUTH and no secret ARN is given.", why, fix);
}

function tlsCheck(t: TServerlessTargetFacts): PreflightCheck {
  const title = "TLS mode matches the source";
  const why = "SourceTlsMode none connects in plaintext; verify-ca needs the CA certificate of a TLS source.";
  if (t.sourceTls === (t.tlsMode === "verify-ca")) return check("source.tls-mode", "source", title, "pass", `The source ${t.sourceTls ? "serves TLS" : "is plaintext"}; TLS mode ${t.tlsMode}.`, why);
  return check("source.tls-mode", "source", title, "fail", `The source ${t.sourceTls ? "serves TLS" : "is plaintext"} but the TLS mode is ${t.tlsMode}.`, why,
    t.sourceTls ? "Set TLS mode verify-ca with the PEM of the CA that signed the source's certificate." : "Set TLS mode none (or enable TLS on the source first).");
}

function notificationsNote(s: RedisFacts): PreflightCheck {
  const v = s.config["notify-keyspace-events"]?.value ?? "";
  const why = "ElastiCache Serverless does not support keyspace notifications: subscribers to __keyspace@/__keyevent@ channels get nothing after cutover.";
  return check("target.keyspace-notifications", "target", "Keyspace notifications after cutover", v ? "warn" : "pass",
    v ? `The source publishes keyspace notifications (notify-keyspace-events "${v}").` : "The source publishes no keyspace notifications.", why,
    "Move what listens to keyspace notifications to another mechanism (streams, application events) before cutover.");
}
