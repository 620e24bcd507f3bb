import { z } from "zod";

/**
 * What an operator sets for a replicate migration (Migration.options.replicate). Emptying the
 * target is the only destructive choice: it needs the box ticked AND the target's name typed,
 * checked again by the step right before FLUSHALL.
 */
export const ZReplicateOptions = z.object({
  /** auto: RESTORE, type-level when the target refuses it (Active-Active) or the payload version. */
  copyMode: z.enum(["auto", "restore", "type-level"]).default("auto"),
  /** Keys over this many bytes are copied in chunks, never held whole in memory. */
  bigKeyBytes: z.number().int().min(1024).max(1024 ** 3).default(8 * 1024 * 1024),
  /** Reverse replication (new target -> old source) after cutover, in hours; 0 = none. */
  reverseWindowHours: z.number().min(0).max(24 * 30).default(24),
  emptyTargetFirst: z.boolean().default(false),
  /** The target's name typed back; must equal it for emptyTargetFirst to take effect. */
  emptyTargetConfirm: z.string().max(200).optional(),
  /** Gate: the oldest unapplied event must be younger than this (and the queue drained) for gate.stableSeconds. */
  maxOldestPendingMs: z.number().int().min(0).max(600_000).default(1_000),
  /** Gate: random keys compared, and how recent a clean comparison must be. */
  compareKeys: z.number().int().min(10).max(100_000).default(1_000),
  compareMaxAgeSeconds: z.number().int().min(5).max(3_600).default(60),
  /** How long cutover waits for the queue to drain before it fails (writes still arriving?). */
  drainTimeoutSeconds: z.number().int().min(1).max(3_600).default(60),
});

export type TReplicateOptions = z.output<typeof ZReplicateOptions>;
export type TReplicateOptionsInput = z.input<typeof ZReplicateOptions>;
