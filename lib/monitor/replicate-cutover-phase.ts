import "server-only";
import { db } from "../db";
import { readStepDetail } from "../migrations/migration-record";
import { listKinds } from "../replicate/describe-kinds";

/**
 * Where a replicate cutover stands, for the monitor: "verifying" after the first confirmation
 * (writes to the source stopped; drain, final verification, repair), "switch-clients" once that is
 * clean and Ferry waits for the operator to move clients. A failed verification fails the migration
 * (Retry or Abort on the migration page), so it never shows here.
 */
export type TReplicateCutoverPhase = {
  phase: "verifying" | "switch-clients";
  note: string | null;
  differences: number | null;
  fixed: number | null;
  /** What the differences were, e.g. "1 TTL" ("" when none, or not recorded). */
  kinds: string;
};

export async function readReplicateCutoverPhase(migrationId: string): Promise<TReplicateCutoverPhase | null> {
  const rows = await db.migrationStep.findMany({ where: { migrationId, name: { in: ["drain-verify", "switch-clients"] } }, select: { name: true, status: true, detail: true } });
  const verify = rows.find((r) => r.name === "drain-verify");
  const sw = rows.find((r) => r.name === "switch-clients");
  if (!verify || verify.status === "pending") return null;
  const v = readStepDetail(verify.detail);
  if (verify.status !== "done") return { phase: "verifying", note: v.note ?? null, differences: null, fixed: null, kinds: "" };
  if (sw?.status === "done") return null;
  return { phase: "switch-clients", note: null, differences: v.differences ?? null, fixed: v.fixed ?? null, kinds: listKinds(v.byKind) };
}
