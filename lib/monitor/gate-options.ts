import { z } from "zod";

/** Migration.options.gate: how strict the cutover gate is. Defaults suit a quiet cutover window. */
export const ZGateOptions = z.object({
  /**
   * Byte lag allowed. Not 0 by default: under a live write load the two INFO replies are a few
   * hundred microseconds apart and often catch bytes in flight, so 0 would flap; 64 KiB is well
   * under one second of replication on any link. 0 means "applied everything" (quiet cutover).
   */
  maxLagBytes: z.number().min(0).default(64 * 1024),
  /** How long lag must have stayed at or below maxLagBytes, judged from 1 Hz samples. */
  stableSeconds: z.number().min(1).max(3_600).default(10),
  /** Key count difference allowed (absolute), and as a percentage of the source's keys. */
  keyTolerance: z.number().min(0).default(0),
  keyTolerancePct: z.number().min(0).max(100).default(0),
  /** The latest sample must be younger than this, or the gate knows nothing current. */
  maxSampleAgeSeconds: z.number().min(1).max(300).default(5),
});
export type TGateOptions = z.infer<typeof ZGateOptions>;
