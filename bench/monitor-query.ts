import Database from "better-sqlite3";
import { percentile } from "./monitor-setup";

const CALLS = 50;
const RATIO_CEILING = 2;
const P95_CEILING_MS = 50;

/**
 * The samples API over 24 h of 1 s samples (86,400 rows) against plain indexed reads of the same
 * range through the same driver (Prisma's better-sqlite3 adapter), in the same run.
 */
export async function queryP95(file: string, migrationId: string): Promise<{ p95: number; ratio: number; ok: boolean }> {
  const { insertSamplesFast } = await import("../lib/monitor/test-helpers/fixtures");
  const { getMonitorData } = await import("../lib/monitor/get-monitor-data");
  const { querySamples } = await import("../lib/monitor/query-samples");
  const { rollupSamples } = await import("../lib/monitor/rollup");
  const { sqlTime } = await import("../lib/monitor/sql-time");
  const { db } = await import("../lib/db");
  const now = Date.now();
  const sqlite = new Database(file);
  sqlite.prepare(`DELETE FROM Sample WHERE migrationId = ?`).run(migrationId);
  sqlite.close();
  await insertSamplesFast(file, migrationId, Array.from({ length: 86_400 }, (_, i) => ({ atMs: now - (86_400 - i) * 1000, s: { srcOffset: i * 900, tgtOffset: i * 900 - (i % 50), lagBytes: i % 50, linkUp: true, srcKeys: 1e5 + (i % 7), tgtKeys: 1e5, srcMemory: 2e8, tgtMemory: 2e8 } })));
  const t = performance.now();
  await rollupSamples({ fromMs: now - 86_400_000, beforeMs: now - 3_000, migrationId });
  console.log(`minute rollups of the 86,400 samples written in ${(performance.now() - t).toFixed(0)} ms (the sampler does this a minute at a time)`);

  const from = sqlTime(now - 86_400_000);
  const to = sqlTime(now);
  const plainRaw = () => db.$queryRawUnsafe(`SELECT at, srcOffset, tgtOffset, lagBytes, linkUp, srcKeys, tgtKeys, srcMemory, tgtMemory, srcUp, tgtUp FROM Sample WHERE migrationId = ? AND at >= ? AND at <= ?`, migrationId, from, to);
  const plainRollup = () => db.$queryRawUnsafe(`SELECT * FROM SampleRollup WHERE migrationId = ? AND at >= ? AND at <= ?`, migrationId, from, to);
  const times = { api: [] as number[], service: [] as number[], raw: [] as number[], rollup: [] as number[] };
  let points = 0;
  // Each kind of call in a block of its own: interleaved, the plain read's tens of MB of garbage
  // (86,400 row objects) were collected during whichever API call came next, and that pause, not
  // the API's work, set its p95 (49-58 ms against a p50 of 15-17 ms).
  const timed = async (into: number[], call: () => Promise<unknown>) => {
    for (let i = 0; i < CALLS; i++) {
      const t0 = performance.now();
      await call();
      into.push(performance.now() - t0);
    }
  };
  await timed(times.api, () => getMonitorData({ migrationId, range: "24h" }));
  await timed(times.service, async () => (points = Math.max(points, (await querySamples({ migrationId, range: "24h" })).columns.t.length)));
  await timed(times.raw, plainRaw);
  await timed(times.rollup, plainRollup);
  const p = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms`;
  const p95 = percentile(times.api, 95);
  const ratio = p95 / percentile(times.raw, 95);
  console.log(`querySamples 24h (86,400 stored -> ${points} points/series): ${p(times.service)}`);
  console.log(`getMonitorData 24h (what GET /samples runs: series + CloudWatch + events + gate): ${p(times.api)}`);
  console.log(`plain indexed read of the same 24 h of samples (86,400 rows): ${p(times.raw)}; of its 1,440 minute rollups: ${p(times.rollup)} (${(p95 / percentile(times.rollup, 95)).toFixed(2)}x)`);
  const ok = ratio <= RATIO_CEILING && p95 <= P95_CEILING_MS && points <= 2000;
  console.log(`samples API 24h p95 ${p95.toFixed(1)} ms, ${ratio.toFixed(2)}x the plain read (ceilings ${RATIO_CEILING}x, ${P95_CEILING_MS} ms) ${ok ? "PASS" : "FAIL"}`);
  return { p95, ratio, ok };
}
