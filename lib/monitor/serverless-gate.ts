import "server-only";
import { db } from "../db";
import { resolveEndpoint } from "../endpoints/resolve-endpoint";
import { CLIENTS_POINTED_EVENT } from "../serverless/migration-status";
import { isInSync } from "../serverless/migration-status";
import type { TCutoverGate, TGateCondition } from "./cutover-gate";

/**
 * The cutover gate of a migration into ElastiCache Serverless. Ferry cannot read the cache before
 * cutover (its endpoint serves the source), so the gate rests on what AWS reports now and on the
 * operator's word that clients use the migration endpoint; CompleteMigration re-checks the sync.
 */
export async function evaluateServerlessGate(m: { id: string; targetId: string }): Promise<TCutoverGate> {
  const conditions: TGateCondition[] = [];
  try {
    const target = await resolveEndpoint(m.targetId);
    // The signing code comes with the first serverless gate, not with every process that watches gates.
    const { describeServerlessCache } = await import("../aws/serverless-migration-query");
    const cache = await describeServerlessCache(target.aws!.clients, target.row.replicationGroupId!);
    const status = cache.migration?.status;
    conditions.push({ id: "aws-in-sync", label: "AWS reports the migration in sync", ok: isInSync(status), detail: `MigrationSummary.Status is ${status ?? "absent"}${cache.migration?.cutoverMode ? `, cutover mode ${cache.migration.cutoverMode}` : ""}.` });
    conditions.push({ id: "manual-mode", label: "Cutover mode is manual", ok: cache.migration?.cutoverMode !== "auto", detail: cache.migration?.cutoverMode === "auto" ? "AWS cuts over by itself at the next fully synced window." : "Ferry sends CompleteMigration." });
  } catch (err) {
    conditions.push({ id: "aws-in-sync", label: "AWS reports the migration in sync", ok: false, detail: `DescribeServerlessCaches failed: ${(err as Error).message}` });
  }
  const ack = await db.event.findFirst({ where: { migrationId: m.id, type: CLIENTS_POINTED_EVENT }, select: { actorEmail: true, at: true } });
  conditions.push({ id: "clients-pointed", label: "Clients use the migration endpoint", ok: !!ack, detail: ack ? `Confirmed by ${ack.actorEmail} at ${ack.at.toISOString()}.` : "No operator has confirmed that the applications use the migration endpoint." });
  return { open: conditions.every((c) => c.ok), conditions };
}
