import "server-only";
import type { Endpoint } from "@prisma/client";
import { db } from "../db";
import { AppError } from "../errors";
import { openEndpointSecret } from "./endpoint-secrets";
import type { AwsClients } from "../aws/clients";
import type { DiscoveredEndpoints } from "../aws/node-endpoints";
import type { TRedisEndpoint } from "../redis/endpoint";

export type TResolvedEndpoint = {
  row: Endpoint;
  /** How to open a Redis connection to it (for ElastiCache: the primary node). */
  redis: TRedisEndpoint;
  /** ElastiCache only: the SDK clients for its credential source and what AWS says of it. */
  aws?: { clients: AwsClients; discovered: DiscoveredEndpoints };
};

/** Loads an endpoint with its secrets decrypted, in memory only, for a connection about to open. */
export async function resolveEndpoint(id: string): Promise<TResolvedEndpoint> {
  const row = await db.endpoint.findUnique({ where: { id } });
  if (!row) throw new AppError("NOT_FOUND", "That endpoint does not exist.");
  const password = row.passwordEnc ? openEndpointSecret(row.passwordEnc, row.id, "passwordEnc") : undefined;
  const base = { tls: row.tls, tlsCa: row.tlsCa ?? undefined, username: row.username ?? undefined, password };
  if (row.kind !== "elasticache") return { row, redis: { host: row.host!, port: row.port!, ...base } };

  // Loaded only here: a process that meets no ElastiCache end never loads the AWS SDK.
  const { awsClientsFor, discoverPrimary } = await import("./aws-endpoint-clients");
  const clients = awsClientsFor(row);
  const { primary, discovered } = await discoverPrimary(clients, row.replicationGroupId!);
  return { row, redis: { host: primary.host, port: primary.port, ...base }, aws: { clients, discovered } };
}
