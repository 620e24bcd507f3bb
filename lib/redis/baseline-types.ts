import type { KeyspaceEntry, RedisEngine } from "./info";
import type { SampledKey } from "./sample-keys";

export type BaselineReplica = {
  ip: string | null;
  port: number | null;
  state: string | null;
  offset: number | null;
  /** master_repl_offset - replica offset, as the primary saw it at capture time. */
  lagBytes: number | null;
  /** Seconds since the replica's last ACK. */
  lagSeconds: number | null;
};

/** One shard of a cluster-mode end, read from its primary. */
export type BaselineShard = {
  /** The primary's node id. */
  id: string;
  /** "0-5460" */
  slots: string;
  primary: string;
  /** "host:port health" of each replica, as the cluster reports them. */
  replicas: string[];
  version: string | null;
  keyspace: Record<number, KeyspaceEntry>;
  totalKeys: number;
  usedMemory: number | null;
  maxmemory: number | null;
  masterReplOffset: number | null;
  connectedReplicas: number | null;
  rdbLastBgsaveStatus: string | null;
  aofEnabled: boolean | null;
  /** Why the primary could not be read (the figures are then empty). */
  error: string | null;
};

export type Baseline = {
  capturedAt: string;
  server: {
    engine: RedisEngine;
    version: string | null;
    mode: string | null;
    /** From CONFIG GET databases; null where CONFIG is unavailable (ElastiCache). */
    databases: number | null;
    databasesNote: string | null;
    uptimeSeconds: number | null;
  };
  /** For a cluster: every primary's keys added up (the end's dataset, not the node's). */
  keyspace: Record<number, KeyspaceEntry>;
  totalKeys: number;
  /** Cluster mode only: each shard as its primary reported it (older baselines have none). */
  shards?: BaselineShard[];
  memory: {
    used: number | null;
    peak: number | null;
    max: number | null;
    fragmentationRatio: number | null;
    policy: string | null;
    evictedKeys: number | null;
    totalSystemMemory: number | null;
  };
  persistence: {
    aofEnabled: boolean | null;
    aofCurrentSize: number | null;
    aofRewriteInProgress: boolean | null;
    rdbBgsaveInProgress: boolean | null;
    rdbLastBgsaveStatus: string | null;
    rdbLastBgsaveTimeSec: number | null;
    rdbChangesSinceLastSave: number | null;
    rdbLastSaveTime: number | null;
  };
  replication: {
    role: "primary" | "replica" | "unknown";
    masterReplOffset: number | null;
    masterReplid: string | null;
    connectedReplicas: number | null;
    replicas: BaselineReplica[];
    /** Present when the captured server is itself a replica. */
    link: {
      masterHost: string | null;
      masterPort: number | null;
      status: string | null;
      lastIoSecondsAgo: number | null;
      syncInProgress: boolean | null;
      replOffset: number | null;
      linkDownSinceSeconds: number | null;
    } | null;
  };
  sample: {
    /** Keys asked for and keys actually examined: the histogram and top-N describe only these. */
    requested: number;
    sampled: number;
    complete: boolean;
    typeHistogram: Record<string, number>;
    biggestKeys: SampledKey[];
  };
};
