import "server-only";
import { AppError } from "../errors";
import type { AwsClients } from "../aws/clients";
import type { DiscoveredEndpoints } from "../aws/node-endpoints";
import { describeServerlessCache } from "../aws/serverless-migration-query";

/**
 * An ElastiCache endpoint's id may name a serverless cache rather than a replication group: then
 * its one endpoint is what clients (and Ferry) connect to. During a serverless online migration
 * that endpoint proxies to the source until cutover, so readings through it before then are the
 * source's (the serverless flow and monitor say so).
 */
export async function serverlessOr(err: unknown, clients: AwsClients, id: string): Promise<DiscoveredEndpoints> {
  if (!(err instanceof AppError) || err.code !== "AWS_NOT_FOUND") throw err;
  const cache = await describeServerlessCache(clients, id).catch(() => null);
  if (!cache) throw err;
  if (!cache.endpoint) throw new AppError("AWS_ERROR", `Serverless cache ${id} reports no endpoint yet (${cache.status}).`);
  const ep = { host: cache.endpoint.address, port: cache.endpoint.port };
  return { replicationGroupId: id, clusterEnabled: false, configurationEndpoint: null, primaryEndpoint: ep, nodes: [] };
}
