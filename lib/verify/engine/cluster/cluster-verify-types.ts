import type { TRedisEndpoint } from "@/lib/redis/endpoint";
import type { CompareKeyspacesOptions, CompareKeyspacesResult, KeyMismatch, KeyStatus, VerifyProgress } from "../types";

export type TShardProgress = {
  /** The source node (`host:port`) whose keys these are. */
  source: string;
  phase: VerifyProgress["phase"];
  keysDone: number;
  /** From the node's INFO keyspace when the run began. */
  keysTotal: number;
  mismatchesSoFar: number;
};

export type CompareClusterKeyspacesOptions = Omit<
  CompareKeyspacesOptions,
  "source" | "target" | "onProgress" | "onCheckpoint" | "resumeFrom" | "keyFilter" | "liveness" | "onMismatch"
> & {
  /** The whole run's progress (keys summed over the shards), with each source shard's beside it. */
  onProgress?: (p: VerifyProgress & { shards: TShardProgress[] }) => void;
  /** Any node of a cluster (or its configuration endpoint), or a single node. */
  source: TRedisEndpoint;
  target: TRedisEndpoint;
  onShardProgress?: (shards: TShardProgress[]) => void;
  /** Every final mismatch, once the run's topology is known to have held still. */
  onMismatch?: (m: KeyMismatch) => void | Promise<void>;
  /** Runs after which a changed topology (a failover, a slot moved) means the run is redone. Default 3. */
  maxAttempts?: number;
};

export type TShardResult = {
  source: string;
  slots: string;
  /** Target nodes this shard's keys were looked up on. */
  targets: string[];
  keysCompared: number;
  extraKeysScanned: number;
  mismatchCount: number;
  totals: Record<KeyStatus, number>;
  scanMs: number;
};

export type CompareClusterKeyspacesResult = CompareKeyspacesResult & {
  layout: { source: "cluster" | "single"; target: "cluster" | "single"; sourceShards: number; targetShards: number; pairs: number };
  shards: TShardResult[];
  /** Runs made: more than one when the topology changed under a run. */
  attempts: number;
};
