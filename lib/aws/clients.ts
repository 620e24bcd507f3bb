import "server-only";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { S3Client } from "@aws-sdk/client-s3";
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { createHash } from "node:crypto";
import type { AwsClientOptions, TAwsCredentialSource } from "./credential-source";
import { countAwsCalls } from "../metrics/count-aws-calls";

export type { AwsClientOptions, TAwsCredentialSource } from "./credential-source";

export type AwsClients = {
  elasticache: ElastiCacheClient;
  cloudwatch: CloudWatchClient;
  s3: S3Client;
  region: string;
};

const cache = new Map<string, AwsClients>();

/**
 * The SDK clients for one credential source + region + endpoint, built once and reused: each
 * credential provider caches and refreshes its own credentials (assume-role sessions included),
 * and rebuilding clients per request would re-assume the role every time.
 */
export function getAwsClients(opts: AwsClientOptions): AwsClients {
  const key = cacheKey(opts);
  const existing = cache.get(key);
  if (existing) return existing;
  const credentials = credentialProvider(opts.credentials, opts.region, opts.stsEndpoint);
  const requestHandler = new NodeHttpHandler({
    connectionTimeout: opts.timeouts?.connectMs ?? 3_000,
    requestTimeout: opts.timeouts?.requestMs ?? 10_000,
    // Without this, smithy only logs a warning when requestTimeout passes and the call hangs on.
    throwOnRequestTimeout: true,
  });
  const common = {
    region: opts.region,
    credentials,
    requestHandler,
    maxAttempts: opts.maxAttempts ?? 3,
    retryMode: "standard" as const,
  };
  const clients: AwsClients = {
    region: opts.region,
    elasticache: countAwsCalls(new ElastiCacheClient({ ...common, endpoint: endpointFor("ELASTICACHE", opts.elastiCacheEndpoint || opts.endpoint) }), "elasticache"),
    cloudwatch: countAwsCalls(new CloudWatchClient({ ...common, endpoint: endpointFor("CLOUDWATCH", opts.endpoint) }), "cloudwatch"),
    // Path-style when the endpoint is overridden: the lab and most S3 stand-ins have no wildcard DNS.
    s3: countAwsCalls(new S3Client({ ...common, endpoint: endpointFor("S3", opts.endpoint), forcePathStyle: !!endpointFor("S3", opts.endpoint) }), "s3"),
  };
  cache.set(key, clients);
  return clients;
}

/** Drops cached clients (tests, or after an operator edits a credential source). */
export function resetAwsClients(): void {
  for (const c of cache.values()) {
    c.elasticache.destroy();
    c.cloudwatch.destroy();
    c.s3.destroy();
  }
  cache.clear();
}

function credentialProvider(source: TAwsCredentialSource, region: string, stsEndpoint?: string) {
  switch (source.kind) {
    case "default":
      return fromNodeProviderChain();
    case "profile":
      return fromIni({ profile: source.profile });
    case "assume-role":
      return fromTemporaryCredentials({
        params: {
          RoleArn: source.roleArn,
          ExternalId: source.externalId,
          RoleSessionName: "ferry",
          DurationSeconds: 3600,
        },
        clientConfig: { region, endpoint: endpointFor("STS", stsEndpoint) },
      });
  }
}

// Read here rather than in the env module because the SDK's own convention is per-service
// AWS_ENDPOINT_URL_<SERVICE> falling back to AWS_ENDPOINT_URL; an explicit endpoint wins.
function endpointFor(service: string, explicit?: string): string | undefined {
  return explicit || process.env[`AWS_ENDPOINT_URL_${service}`] || process.env.AWS_ENDPOINT_URL || undefined;
}

// The environment's endpoints count too: clients built before AWS_ENDPOINT_URL changed must not be reused.
function resolvedEndpoints(opts: AwsClientOptions): (string | undefined)[] {
  return [endpointFor("ELASTICACHE", opts.elastiCacheEndpoint || opts.endpoint), endpointFor("CLOUDWATCH", opts.endpoint), endpointFor("S3", opts.endpoint), endpointFor("STS", opts.stsEndpoint)];
}

function cacheKey(opts: AwsClientOptions): string {
  // Hashed so the external id never sits in a map key in clear (heap dumps, debug logs).
  return createHash("sha256")
    .update(JSON.stringify([opts.credentials, opts.region, resolvedEndpoints(opts), opts.timeouts ?? {}, opts.maxAttempts ?? 3]))
    .digest("hex");
}
