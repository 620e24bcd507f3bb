import type { LabAccount } from "../accounts";
import { leaf, list, node } from "../http/xml";
import type { RedisProcess } from "../redis-process";
import type { ServerlessProxy } from "./serverless-proxy";

/** Where a migration's source is and how the cache authenticates to it (password from the lab's Secrets Manager). */
export type ServerlessSource = { address: string; port: number; secretArn?: string; tlsMode: "none" | "verify-ca" };

/**
 * MigrationSummary.Status values: AWS does not publish the list, so these are the lab's words
 * (Ferry shows them as opaque strings and only relies on "in-sync" for its gate, see lib/aws).
 */
export type ServerlessMigrationStatus = "preparing" | "prepared" | "syncing" | "in-sync" | "cutting-over" | "completed" | "stopped";

export type ServerlessCache = {
  name: string;
  account: LabAccount;
  status: "creating" | "available" | "deleting";
  engine: "valkey" | "redis";
  majorEngineVersion: string;
  fullEngineVersion: string;
  networkType: "ipv4" | "ipv6" | "dual_stack";
  createdAt: Date;
  /** The cache's own data: a real redis-server refusing what serverless refuses. */
  node?: RedisProcess;
  /** The cache endpoint clients use: proxies to the node, or to the source during a migration. */
  proxy?: ServerlessProxy;
  migration?: { status: ServerlessMigrationStatus; cutoverMode?: "auto" | "manual"; source: ServerlessSource };
};

/** Full engine version per engine + major version, as AWS reports them; "6" is a lab-only Redis OSS 6.2 cache (see lab/README). */
const FULL_VERSIONS: Record<string, string> = { "valkey/7": "7.2", "valkey/8": "8.1", "redis/7": "7.1", "redis/6": "6.2" };
export const fullEngineVersion = (engine: string, major: string): string | undefined => FULL_VERSIONS[`${engine}/${major}`];

const endpoint = (name: string, port: number | undefined) => (port ? node(name, leaf("Address", "127.0.0.1"), leaf("Port", port)) : "");

/** ServerlessCache$ of the SDK's schema, plus MigrationSummary (newer than the SDK, read by Ferry's own parser). */
export function renderServerlessCache(c: ServerlessCache, region: string): string {
  const m = c.migration;
  return node(
    "member",
    leaf("ServerlessCacheName", c.name),
    leaf("Description", `lab serverless cache ${c.name}`),
    leaf("CreateTime", c.createdAt),
    leaf("Status", c.status),
    leaf("Engine", c.engine),
    leaf("MajorEngineVersion", c.majorEngineVersion),
    leaf("FullEngineVersion", c.fullEngineVersion),
    list("SecurityGroupIds", [leaf("SecurityGroupId", "sg-0lab00serverless")]),
    endpoint("Endpoint", c.proxy?.port),
    endpoint("ReaderEndpoint", c.proxy?.port),
    leaf("ARN", `arn:aws:elasticache:${region}:${c.account.accountId}:serverlesscache:${c.name}`),
    list("SubnetIds", [leaf("SubnetId", "subnet-0lab0a"), leaf("SubnetId", "subnet-0lab0b")]),
    leaf("NetworkType", c.networkType),
    m ? node("MigrationSummary", leaf("Status", m.status), leaf("CutoverMode", m.cutoverMode), endpoint("MigrationEndpoint", c.proxy?.port)) : "",
  );
}
