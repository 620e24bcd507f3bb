import "../../test/use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisCluster, type RedisCluster } from "@/lab/redis-cluster";
import { db } from "@/lib/db";
import { captureEndpointBaseline } from "@/lib/baselines/capture-endpoint-baseline";
import { aggregateShardRows } from "@/lib/monitor/shard-facts";
import type { TSampleInput } from "@/lib/monitor/build-sample";
import { ClusterRouter } from "@/lib/redis/cluster/cluster-router";
import { keySlot } from "@/lib/redis/cluster/key-slot";
import { enqueueVerification } from "@/lib/verify/jobs/start-verification";
import { startVerificationWorker } from "@/lib/verify/jobs/verification-worker";
import { createTestMigration, createTestOperator, waitForRun } from "@/lib/verify/test-helpers/test-migration-fixture";
import { buildReportModel } from "./build-report-model";
import { renderMismatchesCsv } from "./render-mismatches-csv";
import { renderReportHtml } from "./render-report-html";
import { renderReportJson } from "./render-report-json";
import { renderReportPdf } from "./render-report-pdf";
import { ZReport, type TReport } from "./report-schema";

// A 3-shard -> 3-shard online migration as the flow leaves it: baselines of both clusters before
// and after, the monitor's per-shard samples, a real verification by the worker. One key missing
// on the target's first shard's slots, one value changed on the third's.
const N = 1_500;
const KEYS = Array.from({ length: N }, (_, i) => `k:${i}`);
let src: RedisCluster;
let tgt: RedisCluster;
let report: TReport;
let missingKey: string;
let changedKey: string;
const T0 = Date.parse("2026-11-20T10:00:00Z");

type TShard = RedisCluster["shards"][number];
const slotsOf = (s: TShard) => `${s.slots[0]}-${s.slots[1]}`;
const owns = (s: TShard, key: string) => keySlot(key) >= s.slots[0] && keySlot(key) <= s.slots[1];
const owned = (s: TShard) => KEYS.filter((k) => owns(s, k)).length;

async function seed(c: RedisCluster, change?: (r: ClusterRouter) => Promise<unknown>) {
  const r = await ClusterRouter.open({ seed: c.seed, role: "target" });
  await Promise.all(KEYS.map((k) => r.call("SET", k, `v-${k}`)));
  await change?.(r);
  r.close();
}

/** One sampler tick of three shard pairs, stored the way the sampler stores it (aggregateShardRows). */
function shardSample(migrationId: string, atMs: number, per: { lag: number; link: boolean; sync: boolean; off: number }[]): TSampleInput {
  const row = (p: (typeof per)[number], i: number): TSampleInput => ({
    migrationId, at: new Date(atMs), srcOffset: p.off + p.lag, tgtOffset: p.off, lagBytes: p.lag, linkUp: p.link, syncInProgress: p.sync, syncReadBytes: null, syncTotalBytes: null,
    srcKeys: 500 + i, tgtKeys: 500 + i, srcMemory: null, tgtMemory: null, srcOps: null, tgtOps: null, srcReplicas: 1, srcUp: true, tgtUp: true, persistence: null, repl: null, shards: null,
  });
  return aggregateShardRows(per.map((p, i) => ({ nodeGroupId: `000${i + 1}`, row: row(p, i) })));
}

beforeAll(async () => {
  [src, tgt] = await Promise.all([startRedisCluster({ shards: 3, replicasPerShard: 0, name: "rps" }), startRedisCluster({ shards: 3, replicasPerShard: 0, name: "rpt" })]);
  missingKey = KEYS.find((k) => owns(src.shards[0], k))!;
  changedKey = KEYS.find((k) => owns(src.shards[2], k))!;
  const operator = await createTestOperator();
  // Registered by one node each, as an operator would.
  const m = await createTestMigration({ source: src.shards[1].primary, target: tgt.shards[0].primary, name: "cluster online", strategy: "online" });
  const capture = (endpointId: string, label: "before" | "after") => captureEndpointBaseline({ actor: operator, endpointId, label, migrationId: m.id, sampleSize: 50 });
  await seed(src);
  await Promise.all([capture(m.sourceId, "before"), capture(m.targetId, "before")]);
  await seed(tgt, async (r) => Promise.all([r.call("DEL", missingKey), r.call("SET", changedKey, "changed")]));
  await Promise.all([capture(m.sourceId, "after"), capture(m.targetId, "after")]);

  const steady = (lag: number) => [0, 1, 2].map((i) => ({ lag: lag * (i + 1), link: true, sync: false, off: 10_000 * (i + 1) }));
  await db.sample.createMany({
    data: [
      shardSample(m.id, T0, [0, 1, 2].map(() => ({ lag: 900_000, link: false, sync: true, off: 0 }))),
      // The second shard is still in its full sync when the others are in sync.
      shardSample(m.id, T0 + 2_000, [{ lag: 4_000, link: true, sync: false, off: 5_000 }, { lag: 700_000, link: true, sync: true, off: 100 }, { lag: 3_000, link: true, sync: false, off: 6_000 }]),
      shardSample(m.id, T0 + 4_000, steady(100)),
      // After the cutover: not part of the report's sync.
      shardSample(m.id, T0 + 9_000, steady(5_000_000)),
    ],
  });
  await db.migration.update({ where: { id: m.id }, data: { cutoverAt: new Date(T0 + 5_000) } });

  const worker = startVerificationWorker({ pollMs: 50 });
  try {
    const { id } = await enqueueVerification({ migrationId: m.id, requestedBy: operator.email, options: { rounds: 1, reverse: true } });
    await waitForRun(id, ["done", "failed"]);
  } finally {
    await worker.stop();
  }
  report = await buildReportModel({ migrationId: m.id });
}, 120_000);
afterAll(() => Promise.all([src?.stop(), tgt?.stop()]));

describe("the report of a cluster migration, per shard", () => {
  it("states the slot split of both ends from their baselines", () => {
    const { layout } = report.shards!;
    for (const [side, c] of [["source", src], ["target", tgt]] as const) {
      expect(layout[side]).toMatchObject({ mode: "cluster", shardCount: 3, from: "baseline" });
      expect(layout[side].shards).toEqual(c.shards.map((s) => ({ slots: slotsOf(s), primary: `127.0.0.1:${s.primary.port}` })));
    }
  });

  it("has each end's keys per shard before and after, as each primary counted them", () => {
    const keysOf = (end: string, label: string) => report.shards!.baselines.find((b) => b.end === end && b.label === label)!.shards.map((s) => [s.slots, s.keys]);
    const expected = (c: RedisCluster, minus: (s: TShard) => number = () => 0) => c.shards.map((s) => [slotsOf(s), owned(s) - minus(s)]);
    expect(keysOf("source", "before")).toEqual(expected(src));
    expect(keysOf("source", "after")).toEqual(expected(src));
    expect(keysOf("target", "before")).toEqual(tgt.shards.map((s) => [slotsOf(s), 0]));
    expect(keysOf("target", "after")).toEqual(expected(tgt, (s) => (owns(s, missingKey) ? 1 : 0)));
    expect(report.shards!.baselines.every((b) => b.shards.every((s) => typeof s.usedMemory === "number" && s.usedMemory > 0))).toBe(true);
  });

  it("counts the verification per source shard and puts each difference on the shard owning its slot", () => {
    const v = report.shards!.verification!;
    expect(v).toMatchObject({ runId: report.verification!.id, sourceShards: 3, targetShards: 3, pairs: 3 });
    expect(v.shards.map((s) => [s.slots, s.keysCompared, s.mismatchCount, s.totals.MISSING, s.totals.VALUE])).toEqual([
      [slotsOf(src.shards[0]), owned(src.shards[0]), 1, 1, 0],
      [slotsOf(src.shards[1]), owned(src.shards[1]), 0, 0, 0],
      [slotsOf(src.shards[2]), owned(src.shards[2]), 1, 0, 1],
    ]);
    expect(v.shards.map((s) => s.source)).toEqual(src.shards.map((s) => `127.0.0.1:${s.primary.port}`));
    expect(report.verdict.result).toBe("FAIL");
    const byKey = new Map(report.verification!.mismatchesSample.map((x) => [x.key, x.shard]));
    expect(byKey.get(missingKey)).toBe(`${slotsOf(src.shards[0])} (127.0.0.1:${src.shards[0].primary.port})`);
    expect(byKey.get(changedKey)).toBe(`${slotsOf(src.shards[2])} (127.0.0.1:${src.shards[2].primary.port})`);
  });

  it("has each shard pair's sync up to the cutover: when it was in sync, its largest lag, its last reading", () => {
    expect(report.shards!.sync).toEqual([
      { nodeGroupId: "0001", samples: 3, inSyncAt: new Date(T0 + 2_000).toISOString(), maxLagBytes: 900_000, maxLagBytesAfterSync: 4_000, last: expect.objectContaining({ lagBytes: 100, srcOffset: 10_100, tgtOffset: 10_000, linkUp: true }) },
      { nodeGroupId: "0002", samples: 3, inSyncAt: new Date(T0 + 4_000).toISOString(), maxLagBytes: 900_000, maxLagBytesAfterSync: 200, last: expect.objectContaining({ lagBytes: 200 }) },
      { nodeGroupId: "0003", samples: 3, inSyncAt: new Date(T0 + 2_000).toISOString(), maxLagBytes: 900_000, maxLagBytesAfterSync: 3_000, last: expect.objectContaining({ lagBytes: 300 }) },
    ]);
    expect(report.shards!.replication).toBeNull();
  });

  it("names the shard of each difference in the CSV, and shows the shards in the HTML, PDF and JSON", async () => {
    const lines = (await new Response(renderMismatchesCsv(report.verification!.id)).text()).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("db,key,status,detail,key_base64,shard");
    const shardCell = (key: string) => lines.find((l) => l.startsWith(`0,${key},`))!.split(",").at(-1);
    expect(shardCell(missingKey)).toBe(`${slotsOf(src.shards[0])} (127.0.0.1:${src.shards[0].primary.port})`);
    expect(shardCell(changedKey)).toBe(`${slotsOf(src.shards[2])} (127.0.0.1:${src.shards[2].primary.port})`);

    const html = renderReportHtml(report);
    expect(html).toContain("<h2>Shards</h2>");
    for (const id of ["split", "baselines", "verification", "sync"]) expect(html).toContain(`class="shards-${id}"`);
    expect(html).toContain(`<td class="wrap">${slotsOf(src.shards[2])} (127.0.0.1:${src.shards[2].primary.port})</td>`);
    expect(ZReport.parse(JSON.parse(renderReportJson(report))).shards?.verification?.shards).toHaveLength(3);
    expect((await renderReportPdf(report)).length).toBeGreaterThan(2_000);
  });
});
