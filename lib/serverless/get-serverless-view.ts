import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { resolveEndpoint } from "../endpoints/resolve-endpoint";
import { describeServerlessCache, type TMigrationSummary } from "../aws/serverless-migration-query";
import { connectRedis } from "../redis/connect";
import { parseInfo } from "../redis/info";
import { CLIENTS_POINTED_EVENT } from "./migration-status";
import { serverlessCacheEvents, type TAwsEvent } from "./serverless-events";
import { latestServerlessMetrics, type TServerlessMetrics } from "./serverless-metrics";
import type { TServerlessOptions } from "./serverless-options";
import { readServerlessOptions } from "../migrations/migration-record";
import { readSourceClients, type TSourceClients } from "./source-clients";

export type TServerlessView = {
  migrationId: string;
  state: string;
  cacheName: string;
  options: TServerlessOptions | null;
  cacheStatus: string | null;
  summary: TMigrationSummary | null;
  /** Where clients should connect: the migration endpoint (the cache's own endpoint). */
  endpoint: string | null;
  awsError: string | null;
  acknowledged: { by: string | null; at: string } | null;
  pointClientsWaiting: boolean;
  events: TAwsEvent[];
  source: { keys: number | null; memory: number | null; clients: TSourceClients | null; error: string | null };
  target: TServerlessMetrics;
  /** What Ferry cannot measure here, said plainly. */
  notMeasurable: string[];
};

/** Everything the serverless panels show, read live from AWS, CloudWatch and the source (read-only). */
export async function getServerlessView(migrationId: string): Promise<TServerlessView> {
  const m = await db.migration.findUnique({ where: { id: migrationId }, include: { target: true, steps: { where: { name: "point-clients" } } } });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  if (m.strategy !== "serverless-online") throw new AppError("INVALID_INPUT", "Not a migration into ElastiCache Serverless.");
  const cacheName = m.target.replicationGroupId ?? "";
  const ack = await db.event.findFirst({ where: { migrationId, type: CLIENTS_POINTED_EVENT }, orderBy: { at: "desc" } });
  const view: TServerlessView = {
    migrationId, state: m.state, cacheName, options: readServerlessOptions(m.options), cacheStatus: null, summary: null, endpoint: null, awsError: null,
    acknowledged: ack ? { by: ack.actorEmail, at: ack.at.toISOString() } : null, pointClientsWaiting: m.steps[0]?.status === "waiting",
    events: [], source: { keys: null, memory: null, clients: null, error: null }, target: { values: {} },
    notMeasurable: [
      "The cache's replication offset and lag: AWS publishes only MigrationSummary.Status.",
      "Which source connections are the cache's proxy: Ferry sees their addresses, not the cache's subnets.",
    ],
  };
  const [target] = await Promise.all([resolveEndpoint(m.targetId).catch(() => null), readSource(m.sourceId, view)]);
  if (!target?.aws) return { ...view, awsError: "The cache's endpoint could not be resolved (see the run's error)." };
  try {
    const cache = await describeServerlessCache(target.aws.clients, cacheName);
    const ep = cache.migration?.endpoint ?? cache.endpoint;
    Object.assign(view, { cacheStatus: cache.status, summary: cache.migration ?? null, endpoint: ep ? `${ep.address}:${ep.port}` : null });
    view.events = await serverlessCacheEvents(target.aws.clients, cacheName, m.createdAt);
  } catch (err) {
    view.awsError = (err as Error).message;
  }
  view.target = await latestServerlessMetrics(target.aws.clients, cacheName);
  if (!view.target.values.CurrItems) view.notMeasurable.push("The cache's key count and memory: no CloudWatch datapoint yet (serverless metrics arrive per minute).");
  return view;
}

async function readSource(sourceId: string, view: TServerlessView): Promise<void> {
  try {
    const redis = await connectRedis((await resolveEndpoint(sourceId)).redis, { role: "source", connectionName: "ferry-serverless-view", timeouts: { connectMs: 2_000, commandMs: 2_000 } });
    try {
      const info = parseInfo(await redis.info());
      view.source.keys = Object.values(info.keyspace).reduce((n, e) => n + e.keys, 0);
      view.source.memory = Number(info.fields.used_memory ?? NaN) || null;
      view.source.clients = await readSourceClients(redis);
    } finally {
      redis.disconnect();
    }
  } catch (err) {
    view.source.error = (err as Error).message;
  }
}
