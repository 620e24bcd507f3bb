import { testDbFile } from "../../test/use-test-db";
import { beforeAll, describe, expect, it } from "vitest";
import { createMigrationRow, insertSamplesFast } from "./test-helpers/fixtures";
import { querySamples } from "./query-samples";
import { getMonitorData } from "./get-monitor-data";
import { readRollups, rollupSamples } from "./rollup";
import { sqlTime } from "./sql-time";
import { db } from "../db";
import { rawSql } from "../db-dialect";

// Whole minutes in the recent past, so rollup boundaries are deterministic and the gate sees real time.
const NOW = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
let migrationId: string;

beforeAll(async () => {
  const m = await createMigrationRow({ name: "day", source: { host: "127.0.0.1", port: 1 }, target: { host: "127.0.0.1", port: 2 } });
  migrationId = m.id;
  // 24 h at 1 s: offsets growing, a lag spike of 7 MB for one second, the target down for 10 minutes.
  const rows = Array.from({ length: 86_400 }, (_, i) => {
    const atMs = NOW - (86_400 - i) * 1000;
    const down = i >= 40_000 && i < 40_600;
    const lag = i === 61_234 ? 7_000_000 : i % 97;
    return { atMs, s: { srcOffset: i * 1000, tgtOffset: down ? null : i * 1000 - lag, lagBytes: down ? null : lag, linkUp: !down, srcKeys: 50_000 + (i % 10), tgtKeys: down ? null : 50_000, tgtUp: !down } };
  });
  await insertSamplesFast(testDbFile, migrationId, rows);
});

describe("querySamples", () => {
  it("returns a 24 h range of 86,400 samples as at most 2,000 points per series, spike and gap kept", async () => {
    const r = await querySamples({ migrationId, range: "24h", nowMs: NOW });
    expect(r.stored).toBe(86_400);
    expect(r.columns.t.length).toBeLessThanOrEqual(2_000);
    expect(r.columns.t.length).toBeGreaterThan(1_000);
    for (const s of Object.values(r.columns)) expect(s.length).toBe(r.columns.t.length);
    expect(Math.max(...r.columns.lagBytes.map((v) => v ?? 0))).toBe(7_000_000);
    expect(Math.max(...r.columns.srcOffset.map((v) => v ?? 0))).toBe(86_399_000);
    // The 10-minute outage shows as target-down buckets and null target values.
    expect(r.columns.tgtUp).toContain(0);
    expect(r.columns.tgtKeys).toContain(null);
    expect(r.columns.t).toEqual([...r.columns.t].sort((a, b) => a - b));
    // The chart ends on the last stored sample, not on its minute's maximum.
    const end = r.columns.t.length - 1;
    expect(r.columns.t[end]).toBe((NOW - 1000) / 1000);
    expect(r.columns.lagBytes[end]).toBe(86_399 % 97);
    expect(r.columns.srcOffset[end]).toBe(86_399_000);
  });

  it("a day is drawn from the minute rollups, which the next call finds and reuses", async () => {
    const first = await querySamples({ migrationId, range: "24h", nowMs: NOW });
    const minutes = await readRollups({ migrationId, fromMs: NOW - 86_400_000, toMs: NOW });
    expect(minutes).toHaveLength(1_440);
    expect(minutes.reduce((n, b) => n + (b.n ?? 0), 0)).toBe(86_400);
    // Raw samples of one quiet minute removed: a chart read from the summaries does not change.
    await db.$executeRawUnsafe(rawSql(`DELETE FROM Sample WHERE migrationId = ? AND at >= ? AND at < ?`), migrationId, sqlTime(NOW - 3_600_000), sqlTime(NOW - 3_540_000));
    const second = await querySamples({ migrationId, range: "24h", nowMs: NOW });
    expect(second.columns).toEqual(first.columns);
    await insertSamplesFast(testDbFile, migrationId, Array.from({ length: 60 }, (_, k) => {
      const i = 86_400 - 3_600 + k;
      return { atMs: NOW - 3_600_000 + k * 1000, s: { srcOffset: i * 1000, tgtOffset: i * 1000 - (i % 97), lagBytes: i % 97, linkUp: true, srcKeys: 50_000 + (i % 10), tgtKeys: 50_000 } };
    }));
  });

  it("live range returns raw 1 s samples, and 1 h is bucketed from raw samples", async () => {
    const live = await querySamples({ migrationId, range: "live", nowMs: NOW });
    expect(live.bucketMs).toBe(0);
    expect(live.columns.t.length).toBe(900);
    expect(live.columns.t[1] - live.columns.t[0]).toBe(1);
    const hour = await querySamples({ migrationId, range: "1h", nowMs: NOW });
    expect(hour.columns.t.length).toBeLessThanOrEqual(2_000);
    expect(hour.bucketMs).toBeLessThanOrEqual(5_000);
  });

  it("the monitor API service returns capped series, the gate and the migration", async () => {
    const d = await getMonitorData({ migrationId, range: "all", nowMs: NOW });
    expect(d.series.columns.t.length).toBeLessThanOrEqual(2_000);
    expect(d.gate.open).toBe(false);
    expect(d.migration.id).toBe(migrationId);
    expect(d.migration).toMatchObject({ sourceName: "day-source", targetName: "day-target", state: "running", cutoverAt: null });
    // The newest stored sample, as the page shows it (booleans, ISO time), whatever the range.
    expect(d.latest).toMatchObject({ at: new Date(NOW - 1000).toISOString(), srcOffset: 86_399_000, linkUp: true, srcUp: true, tgtUp: true, repl: null });
  });
});

describe("minute rollups", () => {
  it("count a sample taken exactly on a minute boundary in that minute (julianday is a double)", async () => {
    const { id } = await createMigrationRow({ name: "boundary", source: { host: "127.0.0.1", port: 1 }, target: { host: "127.0.0.1", port: 2 } });
    // 00:01:00.000 UTC is one of the whole minutes an unrounded julianday puts at ...59,999.99 ms.
    const minute = Date.UTC(2026, 10, 30, 0, 1, 0);
    await insertSamplesFast(testDbFile, id, [0, 1_000, 59_000].map((d) => ({ atMs: minute + d, s: { srcKeys: 1 } })));
    await rollupSamples({ fromMs: minute - 60_000, beforeMs: minute + 120_000, migrationId: id });
    const buckets = await readRollups({ migrationId: id, fromMs: minute - 60_000, toMs: minute + 120_000 });
    expect(buckets.map((b) => [b.start, b.n])).toEqual([[minute, 3]]);
  });

  it("on the sampler's own connection: the held migrations' complete minutes, the same summaries", async () => {
    const ends = { source: { host: "127.0.0.1", port: 1 }, target: { host: "127.0.0.1", port: 2 } };
    const [a, b, other] = await Promise.all(["held-a", "held-b", "not-held"].map((name) => createMigrationRow({ name, ...ends })));
    const minute = Date.UTC(2026, 10, 30, 1, 0, 0);
    for (const m of [a, b, other]) await insertSamplesFast(testDbFile, m.id, [0, 30_000, 60_000, 61_000, 130_000].map((d) => ({ atMs: minute + d, s: { srcKeys: d } })));
    // Two complete minutes before `beforeMs`; the third, still running, is left for the next rollup.
    await rollupSamples({ fromMs: minute, beforeMs: minute + 130_000, migrationIds: [a.id, b.id], direct: true });
    for (const m of [a, b]) {
      const buckets = await readRollups({ migrationId: m.id, fromMs: minute, toMs: minute + 180_000 });
      expect(buckets.map((x) => [x.start, x.n, x.srcKeysMin, x.srcKeysMax])).toEqual([[minute, 2, 0, 30_000], [minute + 60_000, 2, 60_000, 61_000]]);
    }
    expect(await readRollups({ migrationId: other.id, fromMs: minute, toMs: minute + 180_000 })).toEqual([]);
  });
});
