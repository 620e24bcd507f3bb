import "server-only";
import type { Endpoint } from "@prisma/client";
import { openEndpointSecret } from "../endpoints/endpoint-secrets";
import { awsOptionsFor } from "../endpoints/aws-endpoint-clients";
import type { TServerlessTargetInput } from "../preflight/gather-serverless-target";
import { readServerlessOptions } from "../migrations/migration-record";

/** What the serverless pre-flight needs of a migration: the cache, its credentials and the operator's options. */
export function serverlessTargetInput(m: { options: string | null; source: Endpoint; target: Endpoint }): TServerlessTargetInput {
  const o = readServerlessOptions(m.options);
  return {
    name: m.target.replicationGroupId!,
    aws: awsOptionsFor(m.target),
    password: m.target.passwordEnc ? openEndpointSecret(m.target.passwordEnc, m.target.id, "passwordEnc") : undefined,
    tls: m.target.tls,
    secretArn: o?.secretArn,
    tlsMode: o?.tlsMode ?? "none",
    sourceTls: m.source.tls,
  };
}
