import "server-only";
import { db } from "@/lib/db";
import { rawSql } from "@/lib/db-dialect";
import { sqlTime } from "@/lib/monitor/sql-time";
import { readShardFacts } from "@/lib/monitor/shard-facts";
import type { TReportShards } from "./report-schema";

type TShardSync = NonNullable<TReportShards["sync"]>[number];
const PAGE = 2_000;

/**
 * Each shard pair's sync from the monitor's samples up to the cutover, read page by page (a day
 * at 1 Hz is 86,400 rows): when it was first in sync, its largest lag before and after, and its
 * last reading. Null when no sample was stored per shard (not a cluster-mode migration).
 */
export async function summarizeShardSync(m: { id: string; cutoverAt: Date | null }): Promise<TReportShards["sync"]> {
  const byGroup = new Map<string, TShardSync>();
  let after: Date | null = null;
  for (;;) {
    const rows: { at: Date | string; shards: string }[] = await db.$queryRawUnsafe(
      rawSql(`SELECT at, shards FROM SampleAll WHERE migrationId = ? AND shards IS NOT NULL ${after ? "AND at > ?" : ""} ${m.cutoverAt ? "AND at <= ?" : ""}
        ORDER BY at ASC LIMIT ${PAGE}`),
      m.id, ...(after ? [sqlTime(after)] : []), ...(m.cutoverAt ? [sqlTime(m.cutoverAt)] : []),
    );
    for (const raw of rows) {
      const row = { at: new Date(raw.at), shards: raw.shards };
      for (const f of readShardFacts(row.shards)) {
        let s = byGroup.get(f.g);
        if (!s) byGroup.set(f.g, (s = { nodeGroupId: f.g, samples: 0, inSyncAt: null, maxLagBytes: null, maxLagBytesAfterSync: null, last: null }));
        s.samples++;
        if (!s.inSyncAt && f.linkUp && f.syncInProgress === false) s.inSyncAt = row.at.toISOString();
        if (f.lagBytes !== null) {
          s.maxLagBytes = Math.max(s.maxLagBytes ?? 0, f.lagBytes);
          if (s.inSyncAt) s.maxLagBytesAfterSync = Math.max(s.maxLagBytesAfterSync ?? 0, f.lagBytes);
        }
        s.last = { at: row.at.toISOString(), srcOffset: f.srcOffset, tgtOffset: f.tgtOffset, lagBytes: f.lagBytes, linkUp: f.linkUp, srcKeys: f.srcKeys, tgtKeys: f.tgtKeys };
      }
    }
    if (rows.length < PAGE) break;
    after = new Date(rows[rows.length - 1].at);
  }
  return byGroup.size ? [...byGroup.values()].sort((a, b) => a.nodeGroupId.localeCompare(b.nodeGroupId)) : null;
}
