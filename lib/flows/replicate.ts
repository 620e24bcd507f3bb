import "server-only";
import type { TFlow } from "./types";
import { preflightOk } from "./steps/preflight-ok";
import { baselineAfter, baselineBefore } from "./steps/baselines";
import { replicateEmptyTarget } from "./steps/replicate-empty-target";
import { replicateInitialCopy, replicateStart } from "./steps/replicate-start";
import { cutoverGate } from "./steps/cutover-gate";
import { replicateFinalize } from "./steps/replicate-finalize";
import { replicateSwitchClients } from "./steps/replicate-switch-clients";
import { replicateAbort, replicateRecordCutover, replicateReverse } from "./steps/replicate-cutover";
import { verifyHandOff } from "./steps/verify";
import { reportStep } from "./steps/report";

/**
 * Key-level live replication, any Redis -> any Redis (lib/replicate does the copying; the
 * replication loop runs it under a lease). The target must be empty (or emptied by choice); the
 * way back (reverse replication) is armed right after cutover, before anything else runs.
 * Cutover takes two confirmations so a repair never undoes a client's write: first the operator
 * stops writes to the source (Ferry drains, verifies, repairs), then, with the target clean,
 * switches clients to it and says so (Ferry records the cutover).
 */
export const replicateFlow: TFlow = {
  strategy: "replicate",
  steps: [
    preflightOk, baselineBefore, replicateEmptyTarget, replicateStart, replicateInitialCopy, cutoverGate,
    replicateFinalize, replicateSwitchClients, replicateRecordCutover, replicateReverse, baselineAfter, verifyHandOff, reportStep,
  ],
  abort: replicateAbort,
};
