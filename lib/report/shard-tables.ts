import { fmtBytes, fmtNumber, fmtTime } from "./report-format";
import type { TReportShards } from "./report-schema";

export type TShardTable = { id: string; title: string; intro: string | null; head: string[]; rows: string[][]; widths: number[] };

const KINDS = ["MISSING", "TYPE", "VALUE", "TTL", "EXTRA"] as const;

/** "3 shards", "a single node", "not known": how an end splits the slots, in words. */
function endShape(l: TReportShards["layout"]["source"]): string {
  if (l.mode === "single") return "a single node";
  if (l.mode === "unknown") return "not known (no baseline, no cluster verification)";
  return `${l.shardCount} shard${l.shardCount === 1 ? "" : "s"}`;
}

function splitIntro(l: TReportShards["layout"]): string {
  const counts = `Source: ${endShape(l.source)}; target: ${endShape(l.target)}.`;
  if (l.source.mode === "cluster" && l.target.mode === "cluster" && l.source.shardCount !== l.target.shardCount) {
    return `${counts} The shard counts differ: a source shard's keys live on the target shards owning their slots, so per-shard figures of the two ends do not pair up.`;
  }
  return counts;
}

/**
 * The per-shard tables of the report (slot split, baselines, verification, sync or replicator),
 * as plain text cells shared by the page, the HTML and the PDF so the three say the same thing.
 */
export function shardTables(s: TReportShards): TShardTable[] {
  const tables: TShardTable[] = [];
  const splitRows = (["source", "target"] as const).flatMap((end) => {
    const l = s.layout[end];
    if (!l.shards.length) return [[end, "—", endShape(l), "—"]];
    return l.shards.map((x, i) => [end, String(i + 1), x.slots, x.primary ?? "—"]);
  });
  tables.push({ id: "split", title: "Slot split", intro: splitIntro(s.layout), head: ["End", "Shard", "Slots", "Primary"], rows: splitRows, widths: [0.15, 0.1, 0.4, 0.35] });

  if (s.baselines.length) {
    tables.push({
      id: "baselines", title: "Baselines per shard", intro: "Keys and memory as each shard's primary reported them at each capture.",
      head: ["End", "Capture", "Slots", "Primary", "Keys", "Used memory"],
      rows: s.baselines.flatMap((b) => b.shards.map((x) => [b.end, `${b.label}, ${fmtTime(b.capturedAt)}`, x.slots, x.primary ?? "—", x.error ? `unreadable: ${x.error}` : fmtNumber(x.keys), fmtBytes(x.usedMemory)])),
      widths: [0.1, 0.24, 0.16, 0.22, 0.12, 0.16],
    });
  }

  const v = s.verification;
  tables.push(v
    ? {
        id: "verification", title: "Verification per source shard",
        intro: `Run ${v.runId}: ${v.sourceShards} source shard(s) against ${v.targetShards} target shard(s), compared in ${v.pairs} source x target pair(s) sharing slots; each key was looked up on the target by its slot.`,
        head: ["Source shard", "Slots", "Looked up on", "Keys compared", "Differences", "By kind"],
        rows: v.shards.map((x) => [x.source, x.slots, x.targets.join(", "), fmtNumber(x.keysCompared), fmtNumber(x.mismatchCount), KINDS.filter((k) => x.totals[k] > 0).map((k) => `${fmtNumber(x.totals[k])} ${k}`).join(", ") || "none"]),
        widths: [0.2, 0.14, 0.26, 0.12, 0.1, 0.18],
      }
    : { id: "verification", title: "Verification per source shard", intro: "The verification shown was not compared shard by shard (none has finished, or it ran before either end was a cluster).", head: [], rows: [], widths: [] });

  if (s.sync) {
    tables.push({
      id: "sync", title: "Sync per shard", intro: "Each target shard against the source shard owning the same slots, from the monitor's samples up to the cutover.",
      head: ["Shard", "In sync at", "Max lag (after sync)", "Last offsets (source / target)", "Last keys (source / target)", "Link"],
      rows: s.sync.map((x) => [
        x.nodeGroupId, fmtTime(x.inSyncAt), `${fmtBytes(x.maxLagBytes)} (${fmtBytes(x.maxLagBytesAfterSync)})`,
        x.last ? `${fmtNumber(x.last.srcOffset)} / ${fmtNumber(x.last.tgtOffset)}` : "—",
        x.last ? `${fmtNumber(x.last.srcKeys)} / ${fmtNumber(x.last.tgtKeys)}` : "—",
        !x.last || x.last.linkUp === null ? "not replicating" : x.last.linkUp ? "up" : "down",
      ]),
      widths: [0.12, 0.2, 0.18, 0.22, 0.18, 0.1],
    });
  }

  if (s.replication) {
    tables.push({
      id: "replication", title: "Replication per source primary", intro: "One keyspace subscriber and copier per source primary, as the replicator last reported them.",
      head: ["Slots", "Primary", "Subscriber", "Keys copied", "Live applied", "Pending", "Reconnects · failovers followed · repairs"],
      rows: s.replication.map((x) => [x.slots, x.primary, x.subscribed ? "connected" : "not connected", fmtNumber(x.keysCopied), fmtNumber(x.appliedTotal), fmtNumber(x.pendingKeys), `${fmtNumber(x.reconnects)} · ${fmtNumber(x.follows)} · ${fmtNumber(x.repairs)}`]),
      widths: [0.13, 0.2, 0.13, 0.12, 0.12, 0.1, 0.2],
    });
  }
  return tables;
}
