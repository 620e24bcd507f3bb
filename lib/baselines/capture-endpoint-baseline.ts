import "server-only";
import { db } from "../db";
import { recordEvent } from "../events/record-event";
import { formatBytes } from "../format-bytes";
import { connectRedis } from "../redis/connect";
import { captureBaseline, type Baseline } from "../redis/baseline";
import type { TSessionUser } from "../auth/sessions";
import { resolveEndpoint } from "../endpoints/resolve-endpoint";

export type TBaselineLabel = "before" | "after" | "adhoc";

/**
 * Captures a baseline of one endpoint through a read-only connection (a baseline never changes
 * anything) and stores it with its label, optionally tied to a migration.
 */
export async function captureEndpointBaseline(opts: {
  actor: TSessionUser | null;
  endpointId: string;
  label: TBaselineLabel;
  migrationId?: string;
  sampleSize?: number;
}): Promise<{ id: string; baseline: Baseline }> {
  const resolved = await resolveEndpoint(opts.endpointId);
  const client = await connectRedis(resolved.redis, { role: "source" });
  let baseline: Baseline;
  try {
    baseline = await captureBaseline(client, { sampleSize: opts.sampleSize ?? 2_000 });
  } finally {
    client.disconnect();
  }
  const row = await db.baseline.create({
    data: {
      endpointId: opts.endpointId,
      migrationId: opts.migrationId,
      label: opts.label,
      capturedAt: new Date(baseline.capturedAt),
      capturedBy: opts.actor?.email,
      data: JSON.stringify(baseline),
    },
    select: { id: true },
  });
  await recordEvent({
    type: "baseline.captured",
    actor: opts.actor,
    migrationId: opts.migrationId,
    message: `Baseline (${opts.label}) of ${resolved.row.name}: ${baseline.totalKeys.toLocaleString("en-US")} keys, ${formatBytes(baseline.memory.used, "?")} used, role ${baseline.replication.role}`,
    data: { baselineId: row.id, endpointId: opts.endpointId },
  });
  return { id: row.id, baseline };
}
