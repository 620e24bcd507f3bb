import "server-only";
import type { TFlow } from "./types";
import { preflightOk } from "./steps/preflight-ok";
import { baselineAfter } from "./steps/baselines";
import { snapshotBaselineBefore } from "./steps/snapshot-baseline";
import { snapshotTake } from "./steps/snapshot-take";
import { snapshotExport } from "./steps/snapshot-export";
import { snapshotCopy } from "./steps/snapshot-copy";
import { snapshotGrant } from "./steps/snapshot-grant";
import { snapshotRestore, snapshotWaitAvailable } from "./steps/snapshot-restore";
import { snapshotVerify } from "./steps/snapshot-verify";
import { snapshotCleanupOffered, snapshotReport } from "./steps/snapshot-report";
import { snapshotAbort } from "./steps/snapshot-abort";

/**
 * An RDB of the source seeds a new ElastiCache group: self-managed (RDB streamed over
 * replication into S3) or ElastiCache in another account (CreateSnapshot, CopySnapshot to S3,
 * server-side copy across accounts). Export and copy are no-ops for a self-managed source.
 * No cutover gate: the operator switches clients after the report; writes after the snapshot
 * moment are not migrated (Migration.options.snapshotMoment).
 */
export const snapshotFlow: TFlow = {
  strategy: "snapshot",
  steps: [preflightOk, snapshotBaselineBefore, snapshotTake, snapshotExport, snapshotCopy, snapshotGrant, snapshotRestore, snapshotWaitAvailable, baselineAfter, snapshotVerify, snapshotReport, snapshotCleanupOffered],
  abort: snapshotAbort,
};
