import "server-only";
import type { TFlow } from "./types";
import { preflightOk } from "./steps/preflight-ok";
import { baselineAfter, baselineBefore } from "./steps/baselines";
import { cutoverGate } from "./steps/cutover-gate";
import { verifyHandOff } from "./steps/verify";
import { reportStep } from "./steps/report";
import { replicaofAbort, replicaofComplete, replicaofStart, replicaofTest, replicaofWaitInSync } from "./steps/replicaof-steps";

/** Self-managed -> self-managed: REPLICAOF on the target, REPLICAOF NO ONE at cutover. */
export const replicaofFlow: TFlow = {
  strategy: "replicaof",
  steps: [preflightOk, baselineBefore, replicaofTest, replicaofStart, replicaofWaitInSync, cutoverGate, replicaofComplete, baselineAfter, verifyHandOff, reportStep],
  abort: replicaofAbort,
};
