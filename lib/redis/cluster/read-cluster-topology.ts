import "server-only";
import type { Redis } from "ioredis";
import type { TClusterNode, TClusterTopology } from "./cluster-types";
import { parseClusterNodes } from "./parse-cluster-nodes";
import { parseClusterShards } from "./parse-cluster-shards";
import { slotCoverage } from "./slot-coverage";

/** What reading a topology needs of a client: ioredis and the read-only source guard both offer it. */
export type TCallClient = Pick<Redis, "call">;

export type ReadClusterTopologyOptions = {
  /** Any node of the cluster (or the ElastiCache configuration endpoint). */
  seed: TCallClient;
  /** Pick each node's tls-port from CLUSTER SHARDS. */
  tls?: boolean;
  /**
   * A client for another node: slot moves are only reported by the node holding them (its own
   * CLUSTER NODES line), so every primary is asked. Without it only the seed's moves are seen.
   */
  nodeClient?: (node: TClusterNode) => Promise<TCallClient>;
};

/**
 * Reads a cluster's shards, slot coverage and resharding state from any node: CLUSTER SHARDS
 * where the server has it (7.0+: roles, health, offsets), CLUSTER NODES otherwise.
 */
export async function readClusterTopology(opts: ReadClusterTopologyOptions): Promise<TClusterTopology> {
  let readWith: TClusterTopology["readWith"] = "CLUSTER SHARDS";
  let shards;
  try {
    shards = parseClusterShards(await opts.seed.call("CLUSTER", "SHARDS"), opts.tls);
  } catch (err) {
    if (!/unknown (sub)?command|wrong number|syntax/i.test(String((err as Error)?.message))) throw err;
    readWith = "CLUSTER NODES";
    shards = parseClusterNodes(String(await opts.seed.call("CLUSTER", "NODES"))).shards;
  }
  // Without nodeClient only the seed is asked, so only the seed's own moves are seen.
  const askers: TCallClient[] = opts.nodeClient ? await Promise.all(shards.map((s) => opts.nodeClient!(s.primary))) : [opts.seed];
  const views = await Promise.all(askers.map(async (c) => parseClusterNodes(String(await c.call("CLUSTER", "NODES")))));
  const moves = views.flatMap((v) => v.moves.filter((m) => m.nodeId === v.myselfId));
  const { covered, gaps } = slotCoverage(shards);
  return { readWith, shards, slotsCovered: covered, gaps, moves };
}
