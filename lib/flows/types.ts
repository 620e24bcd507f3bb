import type { Endpoint, Migration } from "@prisma/client";
import type { Redis } from "ioredis";
import type { TResolvedEndpoint } from "../endpoints/resolve-endpoint";
import type { ReadOnlyRedis } from "../redis/read-only";
import type { TMigrationState } from "./states";

export type TDetail = Record<string, unknown>;

/** What a step reports after one pass. Steps never loop internally: "waiting" means "ask me again". */
export type TStepOutcome =
  | { status: "done"; detail?: TDetail; note?: string }
  | { status: "waiting"; detail?: TDetail; note?: string }
  /** The operator's confirmed cutover lapsed (the gate stayed closed): back to in-sync, nothing was sent. */
  | { status: "back-to-gate"; detail?: TDetail; reason: string };

export type TFlowOptions = {
  /** How often a waiting step looks at the world again. */
  waitPollMs: number;
  /** How long CompleteMigration / abort may take to show the promotion before the step fails. */
  promotionTimeoutMs: number;
  /**
   * How long a confirmed cutover waits for a closed gate to hold again (a lag spike, a restart that
   * emptied the monitor's window) before the confirmation lapses, counted from the confirmation.
   */
  cutoverHoldMs: number;
  /** How long the verify step waits for someone to pick up the queued verification run. */
  verifyPickupMs: number;
  /** How long the verify step waits for a picked-up verification run to end. */
  verifyWaitMs: number;
  /** Post-cutover watch of the target, unless the migration's options say otherwise. */
  watchHours: number;
};

export type TMigrationRow = Migration & { source: Endpoint; target: Endpoint };

/** Everything a step may use; connections are opened lazily and reused across passes. */
export type TFlowContext = {
  migration: TMigrationRow;
  options: TFlowOptions;
  /** The step row's stored detail (what earlier passes and earlier runners wrote). */
  detail: TDetail;
  stepStartedAt: Date | null;
  source(): Promise<TResolvedEndpoint>;
  target(): Promise<TResolvedEndpoint>;
  /** Read-only by construction (lib/redis/read-only). */
  sourceRedis(): Promise<ReadOnlyRedis>;
  /** Read-only as well: only strategies that must write to the target (REPLICAOF) ask for targetAdmin. */
  targetRedis(): Promise<ReadOnlyRedis>;
  targetAdmin(): Promise<Redis>;
  /** Read-only connection to one node of the target (a shard's node of a cluster-mode group), with the target's credentials. */
  targetNodeRedis(node: { host: string; port: number }): Promise<ReadOnlyRedis>;
  /** Persists a patch of the step's detail now (write-ahead marker before a world-changing call). */
  saveDetail(patch: TDetail): Promise<void>;
  /** Re-asserts this runner's lease right before a world-changing call; throws if it was lost. */
  assertLease(): Promise<void>;
  /** Test seam: called right after a world-changing call returned, before anything is recorded. */
  afterWorldChange(call: string): Promise<void>;
  event(type: string, message: string, data?: TDetail, level?: "info" | "warn" | "error"): Promise<void>;
};

export type TStepDef = {
  name: string;
  label: string;
  /** When the step is done, the migration moves between these states (runner-side, version-bumped). */
  advance?: { from: TMigrationState; to: TMigrationState };
  run(ctx: TFlowContext): Promise<TStepOutcome>;
};

export type TFlow = {
  strategy: "online" | "replicaof" | "snapshot" | "replicate" | "serverless-online";
  steps: TStepDef[];
  /** Run while the migration is "aborting"; recorded as a step row named "abort". */
  abort: TStepDef;
};
