/** An inclusive slot range `[first, last]`, as CLUSTER SHARDS / NODES print them. */
export type TSlotRange = [number, number];

export type TClusterNodeHealth = "online" | "failed" | "loading" | "unknown";

export type TClusterNode = {
  id: string;
  host: string;
  port: number;
  role: "primary" | "replica";
  health: TClusterNodeHealth;
  /** The node's replication offset when the cluster reports it (CLUSTER SHARDS on 7.0+). */
  replicationOffset: number | null;
};

export type TClusterShard = {
  /** The primary's node id: stable across reads, unlike list order. */
  id: string;
  slots: TSlotRange[];
  primary: TClusterNode;
  replicas: TClusterNode[];
};

/** A slot being resharded, as the node holding that state reports it in CLUSTER NODES. */
export type TSlotMove = {
  slot: number;
  state: "migrating" | "importing";
  /** The node reporting the state, and the node it moves to (migrating) or from (importing). */
  nodeId: string;
  peerId: string;
};

export type TClusterTopology = {
  /** Which command the shard list came from (CLUSTER SHARDS on 7.0+, CLUSTER NODES before). */
  readWith: "CLUSTER SHARDS" | "CLUSTER NODES";
  /** Shards owning at least one slot, ordered by their first slot. */
  shards: TClusterShard[];
  slotsCovered: number;
  /** Slot ranges no shard owns: keys hashing there cannot be read or written. */
  gaps: TSlotRange[];
  moves: TSlotMove[];
};
