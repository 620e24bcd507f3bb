import "server-only";
import { db } from "@/lib/db";
import { readStats } from "@/lib/replication-store/replication-json";
import type { TBaselineRow } from "./compare-baselines";
import { readClusterVerificationPart, type TClusterVerificationPart } from "./cluster-verification-part";
import type { TReportShards } from "./report-schema";
import { summarizeShardSync } from "./summarize-shard-sync";

type TEndSide = "source" | "target";
type TLayout = TReportShards["layout"]["source"];
type TShardsInput = {
  m: { id: string; sourceId: string; targetId: string; cutoverAt: Date | null };
  /** Newest first, as buildReportModel reads them. */
  baselines: TBaselineRow[];
  /** The verification the report shows. */
  verificationId: string | null;
  sections: { sync: boolean; replication: boolean };
};

/**
 * The report's per-shard part, from what the flow recorded: each end's slot split and per-shard
 * baselines (Baseline.shards), the shown verification's per-source-shard counts, the monitor's
 * per-shard samples (online) or the replicator's per-primary stats (replicate). Null when no end
 * was a cluster, so a single-node report is exactly what it was.
 */
export async function summarizeShards(o: TShardsInput): Promise<TReportShards | null> {
  const [run, sync, replication] = await Promise.all([
    o.verificationId ? db.verificationRun.findUnique({ where: { id: o.verificationId }, select: { id: true, result: true } }) : null,
    o.sections.sync ? summarizeShardSync(o.m) : null,
    o.sections.replication ? replicatorShards(o.m.id) : null,
  ]);
  const part = readClusterVerificationPart(run?.result ?? null);
  const layout = { source: layoutOf(o, "source", part), target: layoutOf(o, "target", part) };
  const clustered = layout.source.mode === "cluster" || layout.target.mode === "cluster" || !!sync || !!replication;
  if (!clustered) return null;
  return {
    layout,
    baselines: shardBaselines(o),
    verification: run && part ? { runId: run.id, sourceShards: part.layout.sourceShards, targetShards: part.layout.targetShards, pairs: part.layout.pairs, shards: part.shards } : null,
    sync,
    replication,
  };
}

/** An end's split from its newest baseline (a baseline without shards is a single node), else from the verification's topology. */
function layoutOf(o: TShardsInput, side: TEndSide, part: TClusterVerificationPart | null): TLayout {
  const latest = o.baselines.find((b) => b.endpointId === (side === "source" ? o.m.sourceId : o.m.targetId));
  if (latest?.baseline.shards?.length) {
    const shards = latest.baseline.shards.map((s) => ({ slots: s.slots, primary: s.primary }));
    return { mode: "cluster", shardCount: shards.length, shards, from: "baseline" };
  }
  if (latest) return { mode: "single", shardCount: 1, shards: [{ slots: "0-16383", primary: null }], from: "baseline" };
  if (!part) return { mode: "unknown", shardCount: null, shards: [], from: null };
  const mode = part.layout[side];
  const count = side === "source" ? part.layout.sourceShards : part.layout.targetShards;
  // The engine names the source shards with their slots; of the target it keeps the count.
  const shards = side === "source" ? part.shards.map((s) => ({ slots: s.slots, primary: s.source })) : [];
  return { mode, shardCount: count, shards, from: "verification" };
}

function shardBaselines(o: TShardsInput): TReportShards["baselines"] {
  const out: TReportShards["baselines"] = [];
  for (const end of ["source", "target"] as const) {
    for (const label of ["before", "after"] as const) {
      const row = o.baselines.find((b) => b.endpointId === (end === "source" ? o.m.sourceId : o.m.targetId) && b.label === label && b.baseline.shards?.length);
      if (!row) continue;
      out.push({
        end, label, capturedAt: row.capturedAt.toISOString(),
        shards: row.baseline.shards!.map((s) => ({ slots: s.slots, primary: s.primary, keys: s.error ? null : s.totalKeys, usedMemory: s.usedMemory, error: s.error })),
      });
    }
  }
  return out;
}

/** The forward replicator's last per-primary stats (a cluster source), as summarizeReplication reads its totals. */
async function replicatorShards(migrationId: string): Promise<TReportShards["replication"]> {
  const forward = await db.replication.findFirst({ where: { migrationId, direction: "forward" }, select: { stats: true } });
  const shards = readStats(forward?.stats ?? null)?.shards;
  return shards?.length
    ? shards.map((s) => ({ slots: s.slots, primary: s.primary, subscribed: s.subscribed, keysCopied: s.keysCopied, appliedTotal: s.appliedTotal, pendingKeys: s.pendingKeys, oldestPendingAgeMs: s.oldestPendingAgeMs, reconnects: s.reconnects, follows: s.follows, repairs: s.repairs }))
    : null;
}
