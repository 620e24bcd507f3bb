import "server-only";
import type { TFlow } from "./types";
import { preflightOk } from "./steps/preflight-ok";
import { baselineAfter, baselineBefore } from "./steps/baselines";
import { onlineTest } from "./steps/online-test";
import { onlineStart } from "./steps/online-start";
import { onlineWaitInSync } from "./steps/online-wait-in-sync";
import { cutoverGate } from "./steps/cutover-gate";
import { onlineComplete } from "./steps/online-complete";
import { verifyHandOff } from "./steps/verify";
import { reportStep } from "./steps/report";
import { onlineAbort } from "./steps/online-abort";

/** Self-managed Redis -> ElastiCache through TestMigration / StartMigration / CompleteMigration. */
export const onlineFlow: TFlow = {
  strategy: "online",
  steps: [preflightOk, baselineBefore, onlineTest, onlineStart, onlineWaitInSync, cutoverGate, onlineComplete, baselineAfter, verifyHandOff, reportStep],
  abort: onlineAbort,
};
