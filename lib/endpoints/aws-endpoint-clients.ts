import "server-only";
import type { Endpoint } from "@prisma/client";
import { AppError } from "../errors";
import { openEndpointSecret } from "./endpoint-secrets";
import { getAwsClients, type AwsClientOptions, type AwsClients } from "../aws/clients";
import { credentialSourceFrom } from "./credential-source-from";
import { awsEndpointOverrideProblem } from "./aws-endpoint-override";
import { discoverNodeEndpoints } from "../aws/elasticache";
import { serverlessOr } from "./serverless-endpoint";

// The AWS half of resolving an endpoint. resolve-endpoint.ts imports it only when an ElastiCache
// end comes up, so a process that meets only self-managed Redis (a sampler-only worker watching
// them, say) never loads the AWS SDK: ~6 MB less heap for every major collection to mark.

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
