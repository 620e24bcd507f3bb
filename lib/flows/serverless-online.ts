import "server-only";
import type { TFlow } from "./types";
import { preflightOk } from "./steps/preflight-ok";
import { baselineAfter, baselineBefore } from "./steps/baselines";
import { serverlessPrepare } from "./steps/serverless-prepare";
import { serverlessPointClients } from "./steps/serverless-point-clients";
import { serverlessStart } from "./steps/serverless-start";
import { serverlessWaitInSync } from "./steps/serverless-wait-in-sync";
import { serverlessCutover } from "./steps/serverless-cutover";
import { serverlessStop } from "./steps/serverless-stop";
import { verifyHandOff } from "./steps/verify";
import { reportStep } from "./steps/report";

/**
 * Self-managed Valkey/Redis OSS -> ElastiCache Serverless: PrepareMigration, clients onto the
 * migration endpoint, StartMigration, sync, cutover (manual behind Ferry's gate, or AWS's own),
 * then Ferry's verification and report. Abort is StopMigration.
 */
export const serverlessOnlineFlow: TFlow = {
  strategy: "serverless-online",
  steps: [preflightOk, baselineBefore, serverlessPrepare, serverlessPointClients, serverlessStart, serverlessWaitInSync, serverlessCutover, baselineAfter, verifyHandOff, reportStep],
  abort: serverlessStop,
};
