import "server-only";
import type { Endpoint } from "@prisma/client";
import { decryptSecret } from "../crypto/secrets";
import { secretKey } from "../secret-key";
import { awsOptionsFor } from "../endpoints/resolve-endpoint";
import type { TServerlessTargetInput } from "../preflight/gather-serverless-target";
import { readServerlessOptions } from "./serverless-options";

/** What the serverless pre-flight needs of a migration: the cache, its credentials and the operator's options. */
export function serverlessTargetInput(m: { options: string | null; source: Endpoint; target: Endpoint }): TServerlessTargetInput {
  const o = readServerlessOptions(m.options);
  return {
    name: m.target.replicationGroupId!,
    aws: awsOptionsFor(m.target),
    password: m.target.passwordEnc ? decryptSecret(m.target.passwordEnc, secretKey()) : undefined,
    tls: m.target.tls,
    secretArn: o?.secretArn,
    tlsMode: o?.tlsMode ?? "none",
    sourceTls: m.source.tls,
  };
}
