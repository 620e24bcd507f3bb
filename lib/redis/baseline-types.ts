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
  keyspace: Record<number, KeyspaceEntry>;
  totalKeys: number;
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
