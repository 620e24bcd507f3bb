import "server-only";
import type { TFlow } from "./types";
import { preflightOk } from "./steps/preflight-ok";
import { baselineAfter, baselineBefore } from "./steps/baselines";
import { replicateEmptyTarget } from "./steps/replicate-empty-target";
import { replicateInitialCopy, replicateStart } from "./steps/replicate-start";
import { cutoverGate } from "./steps/cutover-gate";
import { replicateFinalize } from "./steps/replicate-finalize";
import { replicateAbort, replicateRecordCutover, replicateReverse } from "./steps/replicate-cutover";
import { verifyHandOff } from "./steps/verify";
import { reportStep } from "./steps/report";

/**
 * Key-level live replication, any Redis -> any Redis (lib/replicate does the copying; the
 * replication loop runs it under a lease). The target must be empty (or emptied by choice); the
 * way back (reverse replication) is armed right after cutover, before anything else runs.
 */
export const replicateFlow: TFlow = {
  strategy: "replicate",
  steps: [
    preflightOk, baselineBefore, replicateEmptyTarget, replicateStart, replicateInitialCopy, cutoverGate,
    replicateFinalize, replicateRecordCutover, replicateReverse, baselineAfter, verifyHandOff, reportStep,
  ],
  abort: replicateAbort,
};
