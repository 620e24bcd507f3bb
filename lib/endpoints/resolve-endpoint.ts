import "server-only";
import type { Endpoint } from "@prisma/client";
import { db } from "../db";
import { AppError } from "../errors";
import { openEndpointSecret } from "./endpoint-secrets";
import { getAwsClients, type AwsClientOptions, type AwsClients } from "../aws/clients";
import { credentialSourceFrom } from "./credential-source-from";
import { awsEndpointOverrideProblem } from "./aws-endpoint-override";
import { discoverNodeEndpoints } from "../aws/elasticache";
import type { DiscoveredEndpoints } from "../aws/node-endpoints";
import type { TRedisEndpoint } from "../redis/endpoint";
import { serverlessOr } from "./serverless-endpoint";

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

  const clients = awsClientsFor(row);
  const { primary, discovered } = await discoverPrimary(clients, row.replicationGroupId!);
  return { row, redis: { host: primary.host, port: primary.port, ...base }, aws: { clients, discovered } };
}

/** What AWS says of a replication group, and the node a Redis connection should open to. */
export async function discoverPrimary(clients: AwsClients, replicationGroupId: string) {
  // A serverless cache is not a replication group: its endpoint is the cache's own (see serverless-endpoint.ts).
  const discovered = await discoverNodeEndpoints(clients, replicationGroupId).catch((err) => serverlessOr(err, clients, replicationGroupId));
  const primary = discovered.primaryEndpoint ?? discovered.configurationEndpoint ?? discovered.nodes.find((n) => n.role === "primary");
  if (!primary) throw new AppError("AWS_ERROR", `Replication group ${replicationGroupId} reports no primary endpoint yet.`);
  return { primary, discovered };
}

type AwsFields = Pick<Endpoint, "id" | "credentialKind" | "profile" | "roleArn" | "externalIdEnc" | "region" | "awsEndpointUrl">;

/** The SDK settings of an ElastiCache endpoint row (external id decrypted in memory). */
export function awsOptionsFor(row: AwsFields): AwsClientOptions {
  // Checked again at use: a row stored before the rule (or the setting) changed must not send signed requests anywhere.
  const problem = row.awsEndpointUrl ? awsEndpointOverrideProblem(row.awsEndpointUrl) : undefined;
  if (problem) throw new AppError("INVALID_INPUT", `This endpoint's AWS endpoint override is refused: ${problem}`);
  const externalId = row.externalIdEnc ? openEndpointSecret(row.externalIdEnc, row.id, "externalIdEnc") : undefined;
  return { credentials: credentialSourceFrom({ ...row, externalId }), region: row.region!, elastiCacheEndpoint: row.awsEndpointUrl ?? undefined };
}

export function awsClientsFor(row: AwsFields): AwsClients {
  return getAwsClients(awsOptionsFor(row));
}
