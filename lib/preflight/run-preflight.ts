import "server-only";
import { getAwsClients, type AwsClientOptions } from "../aws/clients";
import { describeMemberClusters, describeReplicationGroup, findServerlessCache } from "../aws/elasticache";
import { nodeEndpointsFrom } from "../aws/node-endpoints";
import { describeMemberParameterGroup, parameterGroupFamily } from "../aws/parameter-groups";
import type { CacheCluster } from "@aws-sdk/client-elasticache";
import { getBucketFacts } from "../aws/s3-bucket-facts";
import { AppError } from "../errors";
import { classifyRedisError } from "../redis/classify-redis-error";
import { connectRedis } from "../redis/connect";
import { describeEndpoint, type TRedisEndpoint } from "../redis/endpoint";
import { probeTcp } from "../redis/probe-tcp";
import { reachabilityCheck } from "./network-checks";
import { gatherServerlessTarget, type TServerlessTargetInput } from "./gather-serverless-target";
import { gatherRedisFacts, type Maybe, type RedisFacts } from "./redis-facts";
import { gatherClusterFacts, type TClusterFacts } from "./cluster-facts";
import { withPrimaryParameterGroups } from "./primary-parameter-groups";
import type { ElastiCacheFacts } from "./elasticache-checks";
import { evaluatePreflight, type EndpointFacts } from "./evaluate-preflight";
import type { BigKeyLimits } from "./source-checks";
import { check, summarizeChecks, type PreflightCheck, type PreflightResult, type Strategy } from "./types";

export type PreflightEndpoint =
  | { kind: "redis"; endpoint: TRedisEndpoint }
  | {
      kind: "elasticache";
      aws: AwsClientOptions;
      replicationGroupId: string;
      /** A node Ferry can reach; when omitted Ferry tries the discovered primary endpoint. */
      node?: TRedisEndpoint;
    };

export type RunPreflightOptions = {
  strategy: Strategy;
  source: PreflightEndpoint;
  /** Optional for the snapshot flow, where the target may not exist yet. */
  target?: PreflightEndpoint;
  /** Buckets for the snapshot flow; the region checked is that of `aws`. */
  buckets?: Array<{ bucket: string; mode: "export" | "seed"; aws: AwsClientOptions }>;
  /** Keys examined for big keys and types (default 500): bounded so this runs in seconds. */
  sampleSize?: number;
  timeouts?: { connectMs?: number; commandMs?: number };
  bigKeyLimits?: BigKeyLimits;
  /** serverless-online: the target is a serverless cache, described through lib/aws/serverless-migration-query. */
  serverless?: TServerlessTargetInput;
};

/**
 * Runs every pre-flight check for a strategy. Never changes either end: all Redis sessions are
 * read-only (even to the target), AWS calls are Describe/Get only. Returns checks and a summary;
 * failures to reach an end become failed checks, not exceptions.
 */
export async function runPreflight(opts: RunPreflightOptions): Promise<PreflightResult> {
  const started = Date.now();
  const sampleSize = opts.sampleSize ?? 500;
  const extra: PreflightCheck[] = [];
  const [source, target] = await Promise.all([
    gatherEndpoint("source", opts.source, opts, extra),
    opts.target ? gatherEndpoint("target", opts.target, opts, extra) : Promise.resolve(null),
  ]);
  const buckets = await Promise.all(
    (opts.buckets ?? []).map(async (b) => ({ facts: await getBucketFacts(getAwsClients(b.aws), b.bucket), region: b.aws.region, mode: b.mode })),
  );
  const serverless = opts.serverless ? await gatherServerlessTarget(opts.serverless) : undefined;
  const checks = [...extra, ...evaluatePreflight({ strategy: opts.strategy, source, target, buckets, bigKeyLimits: opts.bigKeyLimits, serverless })];
  return { strategy: opts.strategy, checks, summary: summarizeChecks(checks), sampleSize, ranAt: new Date(started).toISOString(), durationMs: Date.now() - started };
}

async function gatherEndpoint(side: "source" | "target", ep: PreflightEndpoint, opts: RunPreflightOptions, out: PreflightCheck[]): Promise<EndpointFacts> {
  let elasticache: ElastiCacheFacts | null = null;
  let node: TRedisEndpoint | undefined;
  if (ep.kind === "elasticache") {
    try {
      const clients = getAwsClients(ep.aws);
      const rg = await describeReplicationGroup(clients, ep.replicationGroupId);
      const memberClusters = await describeMemberClusters(clients, rg);
      const serverlessCache = side === "target" ? await findServerlessCache(clients, ep.replicationGroupId).catch(() => null) : null;
      const parameterGroup = side === "source" && opts.strategy === "replicate" ? await readParameterGroup(clients, memberClusters) : undefined;
      elasticache = { replicationGroup: rg, memberClusters, serverlessCache, parameterGroup };
      const discovered = nodeEndpointsFrom(rg, memberClusters);
      const primary = discovered.primaryEndpoint ?? discovered.nodes.find((n) => n.role === "primary") ?? discovered.nodes[0] ?? null;
      node = ep.node ?? (primary ? { host: primary.host, port: primary.port, tls: rg.TransitEncryptionEnabled === true } : undefined);
      out.push(check(`${side}.aws`, side, `ElastiCache ${ep.replicationGroupId} is visible`, "pass", `DescribeReplicationGroups found ${ep.replicationGroupId} in ${ep.aws.region} (${rg.Status}).`, "Ferry drives the migration through the ElastiCache API."));
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError("AWS_ERROR", String(err));
      const serverless = side === "source" && e.code === "AWS_NOT_FOUND" ? await findServerlessCache(getAwsClients(ep.aws), ep.replicationGroupId).catch(() => null) : null;
      if (serverless) {
        out.push(check(`${side}.aws`, side, `ElastiCache ${ep.replicationGroupId} is visible`, "pass", `${ep.replicationGroupId} is a serverless cache (${serverless.Status}).`, "Ferry reads the source through the ElastiCache API."));
        return { kind: "elasticache", redis: null, elasticache: { replicationGroup: {}, memberClusters: [], serverlessCache: serverless } };
      }
      out.push(check(`${side}.aws`, side, `ElastiCache ${ep.replicationGroupId} is visible`, "fail", `${e.code}: ${e.message}`, "Ferry drives the migration through the ElastiCache API.",
        e.code === "AWS_ACCESS_DENIED" ? "Allow elasticache:Describe* (and the migration actions) for this credential source." : "Check the replication group id, region and credential source."));
      return { kind: "elasticache", redis: null, elasticache: null };
    }
  } else {
    node = ep.endpoint;
  }
  const gathered = node ? await gatherRedis(side, node, ep.kind === "elasticache", opts, out) : null;
  const redis = gathered?.facts ?? null;
  let cluster = gathered?.cluster ?? null;
  if (cluster?.value && elasticache && ep.kind === "elasticache") {
    cluster = { value: await withPrimaryParameterGroups(getAwsClients(ep.aws), cluster.value, elasticache.memberClusters), error: null };
  }
  return { kind: ep.kind, redis: redis && ep.kind === "elasticache" ? withElastiCacheConfig(redis) : redis, elasticache, cluster };
}

/** ElastiCache refuses CONFIG: say so instead of the raw unknown-command error. */
function withElastiCacheConfig(f: RedisFacts): RedisFacts {
  const config = Object.fromEntries(Object.entries(f.config).map(([k, v]) => [k,
    v.value === null && /unknown command/i.test(v.error)
      ? { value: null, error: "not readable on ElastiCache (CONFIG is refused; its parameter group holds the setting)" }
      : v])) as RedisFacts["config"];
  return { ...f, config };
}

async function readParameterGroup(clients: ReturnType<typeof getAwsClients>, members: CacheCluster[]): Promise<NonNullable<ElastiCacheFacts["parameterGroup"]>> {
  try {
    const value = await describeMemberParameterGroup(clients, members);
    const family = value ? await parameterGroupFamily(clients, value.name).catch(() => null) : null;
    return { value, family, error: value ? null : "the members report no parameter group" };
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError("AWS_ERROR", String(err));
    return { value: null, family: null, error: `${e.code}: ${e.message}` };
  }
}

async function gatherRedis(side: "source" | "target", endpoint: TRedisEndpoint, managed: boolean, opts: RunPreflightOptions, out: PreflightCheck[]): Promise<{ facts: RedisFacts; cluster: Maybe<TClusterFacts> | null } | null> {
  const connectMs = opts.timeouts?.connectMs ?? 3_000;
  const commandMs = opts.timeouts?.commandMs ?? 5_000;
  const label = side === "source" ? "source" : managed ? "target node" : "target";
  const probe = await probeTcp({ host: endpoint.host, port: endpoint.port, timeoutMs: connectMs });
  // Ferry outside the VPC cannot reach ElastiCache nodes; that does not block a migration it drives through the API.
  out.push(reachabilityCheck(`network.${side}-reachable`, label, probe, side === "target" && managed ? "warn" : "fail"));
  if (!probe.reachable) return null;
  const timeouts = { connectMs, commandMs, maxRetriesPerRequest: 0, maxReconnects: 0 };
  try {
    const client = await connectRedis(endpoint, { role: "source", connectionName: `ferry-preflight-${side}`, timeouts });
    try {
      const facts = await gatherRedisFacts(client, describeEndpoint(endpoint), {
        sampleSize: opts.sampleSize ?? 500,
        probeAuth: () => probeNeedsAuth(endpoint, timeouts),
      });
      const cluster = facts.info.fields.cluster_enabled === "1" ? await gatherClusterFacts(client, endpoint, timeouts) : null;
      return { facts, cluster };
    } finally {
      client.disconnect();
    }
  } catch (err) {
    const e = classifyRedisError(err, { where: describeEndpoint(endpoint), tls: !!endpoint.tls });
    out.push(check(`${side}.connect`, side, `Ferry can open a Redis session on the ${label}`, "fail", `${e.code}: ${e.message}`,
      "Every other check on this side reads the server; they are skipped until this passes.", "Fix the connection settings (Test connection gives the same answer)."));
    return null;
  }
}

/** A session without credentials: PONG means no AUTH, NOAUTH means AUTH is required. */
async function probeNeedsAuth(endpoint: TRedisEndpoint, timeouts: { connectMs: number; commandMs: number; maxRetriesPerRequest: number; maxReconnects: number }): Promise<boolean | null> {
  const anonymous = { ...endpoint, username: undefined, password: undefined };
  try {
    const c = await connectRedis(anonymous, { role: "source", connectionName: "ferry-preflight-auth-probe", timeouts });
    try {
      await c.ping();
      return false;
    } finally {
      c.disconnect();
    }
  } catch (err) {
    return (err as AppError).code === "REDIS_AUTH_FAILED" ? true : null;
  }
}
