import type { TRedisEndpoint } from "@/lib/redis/endpoint";
import type { CompareKeyspacesOptions, CompareKeyspacesResult, KeyMismatch, KeyStatus, VerifyProgress } from "../types";
import type { TClusterCheckpoint } from "./cluster-checkpoint";

export type TShardProgress = {
  /** The source node (`host:port`) whose keys these are: the shard's primary now (after a failover, the new one). */
  source: string;
  phase: VerifyProgress["phase"];
  keysDone: number;
  /** From the node's INFO keyspace when the run began. */
  keysTotal: number;
  mismatchesSoFar: number;
  /** Source node x target node pairs of this shard finished, and planned in all. */
  pairsDone: number;
  pairsTotal: number;
  /** Pairs begun again because the source's slots changed owner under them (their finished pairs are kept). */
  pairsRedone: number;
  /** What happened to this shard during the run, in order (a failover followed, a pair redone). */
  events: string[];
};

export type CompareClusterKeyspacesOptions = Omit<
  CompareKeyspacesOptions,
  "source" | "target" | "onProgress" | "onCheckpoint" | "resumeFrom" | "keyFilter" | "liveness" | "onMismatch" | "wrapLink"
> & {
  /** The whole run's progress (keys summed over the shards), with each source shard's beside it. */
  onProgress?: (p: VerifyProgress & { shards: TShardProgress[] }) => void;
  /** Any node of a cluster (or its configuration endpoint), or a single node. */
  source: TRedisEndpoint;
  target: TRedisEndpoint;
  onShardProgress?: (shards: TShardProgress[]) => void;
  /** Every final mismatch, handed on once its pair has finished (a pair redone reports once). */
  onMismatch?: (m: KeyMismatch) => void | Promise<void>;
  /** After each finished pair, once that pair's mismatches went to onMismatch: store both together. */
  onCheckpoint?: (c: TClusterCheckpoint) => void | Promise<void>;
  /** The pairs already finished (from onCheckpoint): their slots are not compared again. */
  resumeFrom?: TClusterCheckpoint;
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
  pairsRedone: number;
  /** Target lookups answered MOVED / ASK and asked again at the node named. */
  redirects: { moved: number; ask: number };
  events: string[];
};

export type CompareClusterKeyspacesResult = CompareKeyspacesResult & {
  layout: { source: "cluster" | "single"; target: "cluster" | "single"; sourceShards: number; targetShards: number; pairs: number };
  shards: TShardResult[];
  /** Source slots left out because they were being resharded (formatted ranges; empty when none). */
  skippedSlots: string;
  /** Pairs begun again because a source shard's slots changed owner under them. */
  pairsRedone: number;
};
