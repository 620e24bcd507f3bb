import "server-only";
import type { VerificationRun, VerificationUnit } from "@prisma/client";
import { recordEvent } from "@/lib/events/record-event";
import type { TClusterCheckpoint } from "../engine/cluster/cluster-checkpoint";

export function isClusterCheckpoint(stored: unknown): boolean {
  return typeof stored === "object" && stored !== null && (stored as { kind?: unknown }).kind === "cluster";
}

/** The event a cluster unit taken over from its checkpoint records: what it will not compare again. */
export async function recordClusterResume(run: VerificationRun, unit: VerificationUnit, worker: string, c: TClusterCheckpoint): Promise<void> {
  const keys = c.pairs.reduce((k, p) => k + p.result.keysCompared, 0);
  await recordEvent({
    type: "verification.resumed",
    migrationId: run.migrationId,
    message: `Cluster verification resumed from its checkpoint: ${c.pairs.length} source x target node pair(s) already finished (${keys.toLocaleString("en-US")} keys compared) are kept, the others are compared`,
    data: { verificationId: run.id, unitId: unit.id, worker, pairsDone: c.pairs.length, keysAlreadyCompared: keys },
  });
}
