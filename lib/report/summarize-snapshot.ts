import "server-only";
import { db } from "@/lib/db";
import { readMigrationOptions, readStepDetail, snapshotMomentOf, writeFreezeOf } from "@/lib/migrations/migration-record";
import { fmtLocalDateTime, fmtTime } from "./report-format";
import type { TReportSnapshot } from "./report-schema";

/** What a snapshot migration recorded about its one caveat: the moment, the write freeze, the RDB. */
export async function summarizeSnapshot(m: { id: string; options: string | null }): Promise<TReportSnapshot> {
  const options = readMigrationOptions(m.options);
  const step = await db.migrationStep.findUnique({ where: { migrationId_name: { migrationId: m.id, name: "snapshot" } }, select: { detail: true } });
  const detail = readStepDetail(step?.detail);
  const moment = snapshotMomentOf(options);
  const freeze = writeFreezeOf(options);
  const writeFreeze = freeze ? { from: freeze.from, to: freeze.to ?? null, note: freeze.note ?? null } : null;
  return {
    moment: moment?.at ?? null,
    momentSource: moment?.source ?? null,
    writeFreeze,
    snapshotName: typeof detail.snapshotName === "string" ? detail.snapshotName : null,
    rdbBytes: typeof detail.bytes === "number" ? detail.bytes : null,
    statement: snapshotStatement(moment?.at ?? null, writeFreeze),
  };
}

/** The sentence an auditor must read: the target is the source at one moment, and what happened to writes after it. */
export function snapshotStatement(moment: string | null, freeze: TReportSnapshot["writeFreeze"]): string {
  const at = moment
    ? `The target holds the source as it was at the snapshot moment, ${fmtTime(moment)}: writes to the source after that moment are not in the target.`
    : "No snapshot moment was recorded (the snapshot was not taken): nothing is known to be in the target.";
  const window = freeze
    ? `Write freeze set by the operator: from ${fmtLocalDateTime(freeze.from)}${freeze.to ? ` to ${fmtLocalDateTime(freeze.to)}` : " until clients use the new group"}${freeze.note ? ` (${freeze.note})` : ""}.`
    : "No write-freeze window was set: any write between the snapshot moment and the switch of clients to the new group is lost.";
  return `${at} ${window}`;
}
