import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DescribeCacheClustersCommand, DescribeReplicationGroupsCommand, ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { S3Client } from "@aws-sdk/client-s3";
import Redis from "ioredis";
import { pollUntil } from "../test/test-helpers/poll-until";

type LabLike = { endpoint: string; region: string; accounts: Record<"A" | "B", { accessKeyId: string; secretAccessKey: string }> };

/** Real SDK clients pointed at the lab, exactly as Ferry builds them except for the endpoint. */
export function labClients(lab: LabLike, account: "A" | "B" = "A", extra: { maxAttempts?: number } = {}) {
  const cfg = {
    endpoint: lab.endpoint,
    region: lab.region,
    credentials: { accessKeyId: lab.accounts[account].accessKeyId, secretAccessKey: lab.accounts[account].secretAccessKey },
    ...extra,
  };
  return {
    ec: new ElastiCacheClient(cfg),
    cw: new CloudWatchClient(cfg),
    s3: new S3Client({ ...cfg, forcePathStyle: true }),
  };
}

/** One replication group as DescribeReplicationGroups answers for it. */
export async function describeGroup(lab: LabLike, id: string) {
  return (await labClients(lab).ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups![0];
}

/** The port of a group member (a cache cluster id such as "g-0001-001"), from DescribeCacheClusters. */
export async function memberPort(lab: LabLike, clusterId: string): Promise<number> {
  return (await labClients(lab).ec.send(new DescribeCacheClustersCommand({ CacheClusterId: clusterId, ShowCacheNodeInfo: true }))).CacheClusters![0].CacheNodes![0].Endpoint!.Port!;
}

/** The suite's one poll-until, under the name the lab's tests use. */
export const waitFor = <T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> => pollUntil(what, fn, { timeoutMs });

export function redisAt(port: number, db = 0): Redis {
  const c = new Redis({ host: "127.0.0.1", port, db, maxRetriesPerRequest: 1 });
  c.on("error", () => {});
  return c;
}

/** Keys across all dbs, from INFO keyspace. */
export async function totalKeys(c: Redis): Promise<number> {
  const info = await c.info("keyspace");
  return [...info.matchAll(/keys=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
}
