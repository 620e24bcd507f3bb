import type { ReplicationGroup } from "@aws-sdk/client-elasticache";
import { connectRedis } from "../../redis/connect";
import type { ElastiCacheFacts } from "../elasticache-checks";
import type { EndpointFacts } from "../evaluate-preflight";
import { gatherRedisFacts, type RedisFacts } from "../redis-facts";
import type { PreflightCheck } from "../types";

/** Facts from a real server, through the same read-only session pre-flight uses. */
export async function factsOf(server: { host: string; port: number }, opts: { password?: string; sampleSize?: number } = {}): Promise<RedisFacts> {
  const ep = { host: server.host, port: server.port, password: opts.password };
  const client = await connectRedis(ep, { role: "source" });
  try {
    return await gatherRedisFacts(client, `${server.host}:${server.port}`, {
      sampleSize: opts.sampleSize ?? 100,
      probeAuth: async () => {
        const anon = await connectRedis({ host: server.host, port: server.port }, { role: "source", timeouts: { maxReconnects: 0 } }).catch((e) => e);
        if (anon?.code === "REDIS_AUTH_FAILED") return true;
        if (anon?.disconnect) anon.disconnect();
        return anon?.code ? null : false;
      },
    });
  } finally {
    client.disconnect();
  }
}

/** A replication group that passes every online-migration prerequisite; tests spoil one field. */
export function goodReplicationGroup(over: Partial<ReplicationGroup> = {}): ReplicationGroup {
  return {
    ReplicationGroupId: "ferry-target",
    Status: "available",
    Engine: "redis",
    CacheNodeType: "cache.r6g.large",
    ClusterEnabled: false,
    MultiAZ: "enabled",
    AutomaticFailover: "enabled",
    TransitEncryptionEnabled: false,
    DataTiering: "disabled",
    MemberClusters: ["ferry-target-001", "ferry-target-002"],
    NodeGroups: [{ NodeGroupId: "0001", PrimaryEndpoint: { Address: "ferry-target.abc.cache.amazonaws.com", Port: 6379 }, NodeGroupMembers: [] }],
    ...over,
  };
}

export function ecFacts(rg: ReplicationGroup = goodReplicationGroup(), engineVersion = "7.1.0"): ElastiCacheFacts {
  return { replicationGroup: rg, memberClusters: [{ CacheClusterId: `${rg.ReplicationGroupId}-001`, Engine: "redis", EngineVersion: engineVersion, CacheNodeType: rg.CacheNodeType }], serverlessCache: null };
}

export function ecEndpoint(f: ElastiCacheFacts = ecFacts()): EndpointFacts {
  return { kind: "elasticache", redis: null, elasticache: f };
}

export function redisEndpoint(facts: RedisFacts): EndpointFacts {
  return { kind: "redis", redis: facts, elasticache: null };
}

export function byId(checks: PreflightCheck[], id: string): PreflightCheck {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id} in ${checks.map((x) => x.id).join(", ")}`);
  return c;
}
