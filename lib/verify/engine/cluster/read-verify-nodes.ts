import "server-only";
import { connectRedis } from "@/lib/redis/connect";
import { describeEndpoint, type TRedisEndpoint } from "@/lib/redis/endpoint";
import { parseInfo, infoString } from "@/lib/redis/info";
import { clusterNodeEndpoint } from "@/lib/redis/cluster/cluster-node-endpoint";
import { probeClusterTopology } from "@/lib/redis/cluster/probe-cluster-topology";
import type { TSlotMove } from "@/lib/redis/cluster/cluster-types";
import { parseKeyspaceInfo, type KeyspaceInfo } from "../keyspace-counts";
import type { TVerifyNode } from "./plan-verify-pairs";

export type TVerifySideNodes = {
  cluster: boolean;
  nodes: (TVerifyNode & { keyspace: KeyspaceInfo })[];
  moves: TSlotMove[];
  /** Changes whenever a slot changes owner: compared before and after a run. */
  fingerprint: string;
};

/**
 * The nodes one end's keys live on, read through a read-only client (for targets too: verifying
 * never writes): every primary of a cluster with its slots, or the one node owning them all.
 */
export async function readVerifyNodes(endpoint: TRedisEndpoint): Promise<TVerifySideNodes> {
  const timeouts = { connectMs: 5_000, commandMs: 5_000, maxRetriesPerRequest: 0, maxReconnects: 0 };
  const client = await connectRedis(endpoint, { role: "source", connectionName: "ferry-verify-topology", timeouts });
  try {
    const info = parseInfo(await client.info());
    if (infoString(info, "cluster_enabled") !== "1") {
      const keyspace = parseKeyspaceInfo(String(await client.info("keyspace")));
      const label = describeEndpoint(endpoint);
      return { cluster: false, nodes: [{ label, endpoint, slots: [[0, 16383]], keyspace }], moves: [], fingerprint: label };
    }
    const topology = await probeClusterTopology({ seed: client, endpoint, timeouts });
    const nodes = await Promise.all(topology.shards.map(async (s) => {
      const ep = clusterNodeEndpoint(endpoint, s.primary);
      const c = await connectRedis(ep, { role: "source", connectionName: "ferry-verify-topology", timeouts });
      try {
        return { label: describeEndpoint(ep), endpoint: ep, slots: s.slots, keyspace: parseKeyspaceInfo(String(await c.info("keyspace"))) };
      } finally {
        c.disconnect();
      }
    }));
    const fingerprint = nodes.map((n) => `${n.label}=${n.slots.map((r) => r.join("-")).join(",")}`).join(";");
    return { cluster: true, nodes, moves: topology.moves, fingerprint };
  } finally {
    client.disconnect();
  }
}
