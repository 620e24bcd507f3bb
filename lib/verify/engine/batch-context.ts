import type { ByteBudget } from "./byte-budget";
import type { ChunkLimits } from "./compare-collections";
import type { CompareMode, MismatchStatus } from "./types";
import type { VerifyLink } from "./verify-link";

/** What every step of one batch's comparison shares (its own module so the steps never import compare-batch). */
export type BatchContext = {
  src: VerifyLink;
  tgt: VerifyLink;
  mode: CompareMode;
  ttlToleranceMs: number;
  bigKeyBytes: number;
  limits: ChunkLimits;
  /** Turned off for the rest of the run if the server refuses MEMORY USAGE (sizes then come from STRLEN/HLEN/...). */
  memoryProbe: boolean;
  /** Bytes of DUMP and value replies held at once, across every batch in flight. */
  budget: ByteBudget;
  /** Read each batch with the read-only script (EVALSHA_RO); off for the run once a server cannot run it. */
  scriptRead: boolean;
  /** Payload bytes one script call may return (scriptPayloadCap). */
  scriptPayloadCap: number;
};

/** Only keys that are not OK come back; `index` points into the batch's keys. */
export type KeyOutcome = { index: number; status: MismatchStatus; detail: string };

