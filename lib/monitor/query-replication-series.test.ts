import "../../test/use-test-db";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { writeJson, type TSampleRepl } from "../replication-store/replication-json";
import { createMigrationRow } from "./test-helpers/fixtures";
import { getMonitorData } from "./get-monitor-data";
import { queryReplicationSeries } from "./query-replication-series";

// Whole seconds in the recent past; the monitor's "live" range (15 min) ends now.
const NOW = Math.floor(Date.now() / 1000) * 1000;
const SPAN_S = 600;
let migrationId: string;

/** The stats a replicator reports at second i: the copy ends at 100 s, one repair at 300 s, no stats for 400-459 s, the way back from 580 s. */
function stats(i: number): TSampleRepl {
  return {
    initialCopy: { keysCopied: Math.min(1_000, i * 10), bytesCopied: i * 4_096, sourceKeys: 1_000, keysPerSec: 10, etaSec: null, done: i >= 100 },
    live: { pendingKeys: i === 250 ? 5_000 : i % 7, oldestPendingAgeMs: i % 7 ? 40 : 0, appliedPerSec: 200, appliedTotal: i * 200 },
    reconnects: 0,
    repairs: i >= 300 && i < 580 ? 1 : 0,
    repairing: false,
    needsRepair: false,
    copyMode: "type-level",
    sourceWritesPerSec: 200,
    direction: i >= 580 ? "reverse" : "forward",
    lastCompare: null,
  };
}

beforeAll(async () => {
  const m = await createMigrationRow({ name: "repl-series", source: { host: "127.0.0.1", port: 1 }, target: { host: "127.0.0.1", port: 2 } });
  migrationId = m.id;
  await db.migration.update({ where: { id: m.id }, data: { strategy: "replicate" } });
  const seconds = Array.from({ length: SPAN_S }, (_, k) => k).filter((i) => i < 400 || i >= 460);
  await db.sample.createMany({ data: seconds.map((i) => ({ migrationId, at: new Date(NOW - (SPAN_S - i) * 1000), repl: writeJson(stats(i)) })) });
});

describe("queryReplicationSeries", () => {
  it("charts every stored second of a short range, the copy reaching 100 % and a break where the replicator stopped reporting", async () => {
    const s = await queryReplicationSeries({ migrationId, fromMs: NOW - SPAN_S * 1000, toMs: NOW });
    // 540 samples, a null row marking the silent minute and one where the way back took over.
    expect(s.t).toHaveLength(542);
    for (const v of Object.values(s)) expect(v).toHaveLength(542);
    expect(s.copyPct[0]).toBe(0);
    expect(s.copyPct[50]).toBe(50);
    expect(s.copyPct[200]).toBe(100);
    expect(Math.max(...s.pendingKeys.map((v) => v ?? 0))).toBe(5_000);
    expect(s.repairs[s.repairs.length - 1]).toBe(0);
    expect(s.repairs.slice(-22, -20)).toEqual([1, null]);
    const gap = s.t.findIndex((_, k) => s.pendingKeys[k] === null);
    expect(s.t[gap]).toBe((NOW - 200_000) / 1000);
  });

  it("a longer range is thinned to one row per bucket, in time order, ending on the latest stats", async () => {
    const s = await queryReplicationSeries({ migrationId, fromMs: NOW - SPAN_S * 1000, toMs: NOW, maxPoints: 60 });
    expect(s.t.length).toBeLessThanOrEqual(62);
    expect(s.t.length).toBeGreaterThan(50);
    expect(s.t).toEqual([...s.t].sort((a, b) => a - b));
    expect(s.t[s.t.length - 1]).toBe((NOW - 1000) / 1000);
    expect(s.repairs.filter((v) => v === null)).toHaveLength(2);
  });

  it("the monitor sends these series for a replicate migration only", async () => {
    const replicate = await getMonitorData({ migrationId, range: "live", nowMs: NOW });
    expect(replicate.replicationSeries?.t.length).toBe(542);
    const other = await createMigrationRow({ name: "replicaof-one", source: { host: "127.0.0.1", port: 1 }, target: { host: "127.0.0.1", port: 2 } });
    expect((await getMonitorData({ migrationId: other.id, range: "live", nowMs: NOW })).replicationSeries).toBeNull();
  });
});
