import "server-only";
import type { Endpoint } from "@prisma/client";
import { AppError } from "../errors";
import type { AwsClients } from "../aws/clients";
import { awsClientsFor } from "../endpoints/aws-endpoint-clients";
import type { TResourceSide } from "./created-resources";

/** The AWS clients of one side of a migration: source (account A) or target (account B). */
export function clientsForSide(m: { source: Endpoint; target: Endpoint }, side: TResourceSide): AwsClients {
  const row = side === "source" ? m.source : m.target;
  if (row.kind !== "elasticache") throw new AppError("INVALID_INPUT", `The ${side} endpoint ${row.name} is not an ElastiCache endpoint: it has no AWS credentials.`);
  return awsClientsFor(row);
}
