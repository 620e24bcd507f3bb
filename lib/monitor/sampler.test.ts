import "../../test/use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { redisAt, waitFor } from "../../lab/test-clients";
import { db } from "../db";
import { evaluateCutoverGate } from "./cutover-gate";
import { startSampler, type TSampler } from "./sampler";
import { createMigrationRow } from "./test-helpers/fixtures";
import { startPausableProxy } from "./test-helpers/pausable-proxy";
import { storedSamples } from "./test-helpers/stored-samples";

// A faster clock than production's 1 Hz keeps this file short; the logic does not depend on it.
const INTERVAL = 250;
let src: RedisProcess, tgt: RedisProcess, src2: RedisProcess, tgt2: RedisProcess;
let proxy: Awaited<ReturnType<typeof startPausableProxy>>;
let sampler: TSampler;
let writing = true;
const ticks: number[] = [];

const samplesOf = (migrationId: string, sinceMs = 0) => storedSamples({ migrationId, at: { gte: new Date(sinceMs) } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  [src, tgt, src2, tgt2] = await Promise.all(["src", "tgt", "src2", "tgt2"].map((name) => startRedis({ name, args: ["--repl-diskless-sync-delay", "0"] })));
  const load = redisAt(src.port);
  await load.eval("for i=1,20000 do redis.call('SET', 'k:'..i, string.rep('x', 100)) end", 0);
  // A steady write load on the source for the whole file.
  void (async () => {
    for (let i = 0; writing; i++) {
      await load.set(`w:${i % 500}`, `v${i}`).catch(() => {});
      await sleep(2);
    }
    load.disconnect();
  })();
  proxy = await startPausableProxy(src.port);
  sampler = startSampler({ intervalMs: INTERVAL, refreshMs: 200, watchIntervalMs: 1_000, persistenceEveryMs: 1_000, onTick: ({ tookMs }) => ticks.push(tookMs) });
});

afterAll(async () => {
  writing = false;
  await sampler?.stop();
  await proxy?.close();
});

describe("sampler", () => {
  let migrationId: string;

  it("follows a REPLICAOF pair under writes: sync, then lag that grows while the link stalls and drains after", async () => {
    const m = await createMigrationRow({ name: "pair", source: src, target: tgt, options: { gate: { stableSeconds: 2, maxLagBytes: 10_000 } } });
    migrationId = m.id;
    const t0 = Date.now();
    const tgtCtl = redisAt(tgt.port);
    await tgtCtl.replicaof("127.0.0.1", proxy.port);
    const synced = await waitFor("link up in samples", async () => (await samplesOf(m.id, t0)).find((s) => s.linkUp && s.tgtKeys! >= 20_000), 15_000);
    expect(synced.srcUp && synced.tgtUp).toBe(true);
    // Two healthy ends never start with a "down" stretch: the first stored sample has read both.
    const [first] = await samplesOf(m.id);
    expect([first.srcUp, first.tgtUp]).toEqual([true, true]);
    expect(synced.srcReplicas).toBe(1);

    // Hold the replication stream: the target keeps reporting link up while bytes pile up.
    proxy.pause();
    const stalledAt = Date.now();
    // 20 kB at once, past the gate's 10 kB whatever the write loop manages on a loaded machine
    // (fresh run W, on PostgreSQL: its 1.5 s of writes stayed under, and the gate rightly stayed open).
    const bulk = redisAt(src.port);
    await bulk.set("stall:bulk", "x".repeat(20_000));
    bulk.disconnect();
    await sleep(1_500);
    const stalled = (await samplesOf(m.id, stalledAt + 300)).filter((s) => s.srcUp && s.tgtUp);
    // Judged while the stream is still held: once it flows again, 2 s of drained lag reopen the
    // gate, which a loaded machine reached before this line ran (fresh run R, on PostgreSQL).
    const gateWhileStalled = await evaluateCutoverGate({ migrationId: m.id });
    proxy.resume();
    expect(stalled.length).toBeGreaterThanOrEqual(3);
    for (const s of stalled) expect(s.lagBytes).toBe(Math.max(0, s.srcOffset! - s.tgtOffset!));
    expect(new Set(stalled.map((s) => s.tgtOffset)).size).toBe(1); // the target stands still
    expect(stalled[stalled.length - 1].lagBytes!).toBeGreaterThan(stalled[0].lagBytes!);
    expect(stalled[0].lagBytes!).toBeGreaterThan(0);
    expect(gateWhileStalled.open).toBe(false);

    const resumedAt = Date.now();
    // Lag drains; with writes still running, an instant of equal offsets must show up quickly.
    await waitFor("lag back near 0", async () => (await samplesOf(m.id, resumedAt)).find((s) => s.lagBytes !== null && s.lagBytes < 200), 5_000);
    // Live data opens the gate once lag has stayed under 10 kB for 2 s.
    const gate = await waitFor("gate open", async () => {
      const g = await evaluateCutoverGate({ migrationId: m.id });
      return g.open && g;
    }, 6_000);
    expect(gate.conditions.map((c) => c.ok)).toEqual([true, true, true, true]);
    tgtCtl.disconnect();
  });

  it("stores a gap for an end that is down and keeps sampling the others every tick", async () => {
    const dead = await startRedis({ name: "dead" });
    const m2 = await createMigrationRow({ name: "dead-end", source: src2, target: dead });
    await dead.stop();
    const t0 = Date.now();
    await sleep(2_000);
    const gaps = await samplesOf(m2.id, t0);
    expect(gaps.length).toBeGreaterThanOrEqual(5);
    for (const s of gaps) expect(s).toMatchObject({ srcUp: true, tgtUp: false, tgtOffset: null, tgtKeys: null, lagBytes: null, linkUp: null });
    expect(gaps[0].srcOffset).not.toBeNull();
    const healthy = await samplesOf(migrationId, t0);
    // 2 s at 250 ms: about 8 ticks; the dead end's reconnect attempts never cost the pair one.
    expect(healthy.length).toBeGreaterThanOrEqual(5);
    expect(healthy.every((s) => s.srcUp && s.tgtUp)).toBe(true);
  });

  it("a slow end (CLIENT PAUSE) costs only its own migration, and a killed connection comes back", async () => {
    const m3 = await createMigrationRow({ name: "slow", source: src2, target: tgt2 });
    await waitFor("first sample of the slow pair", async () => (await samplesOf(m3.id)).find((s) => s.tgtUp));
    const ctl = redisAt(tgt2.port);
    const t0 = Date.now();
    // Every normal client's commands (INFO included) wait 1.5 s; the server stays up.
    await ctl.call("CLIENT", "PAUSE", "1500", "ALL");
    await sleep(1_500);
    const gaps = (await samplesOf(m3.id, t0 + INTERVAL)).filter((s) => !s.tgtUp);
    expect(gaps.length).toBeGreaterThan(0);
    // Every tick that gave the slow pair a gap read the other migration in full: how many ticks fit
    // in the pause depends on the machine's load, that none of them cost the other pair does not.
    const others = await samplesOf(migrationId, t0);
    for (const gap of gaps) expect(others.find((s) => s.at.getTime() === gap.at.getTime())).toMatchObject({ srcUp: true, tgtUp: true });
    // Ticks never waited out the 1.5 s pause (each read gives up after its own timeout).
    expect(Math.max(...ticks.slice(-5))).toBeLessThan(1_000);

    await ctl.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes").catch(() => {});
    const killedAt = Date.now();
    await waitFor("target read again after reconnect", async () => (await samplesOf(m3.id, killedAt + 500)).find((s) => s.tgtUp), 8_000);
    ctl.disconnect();
  });

  it("after promotion, samples the target slowly with its own offset and persistence status", async () => {
    const ctl = redisAt(tgt.port);
    await ctl.replicaof("NO", "ONE");
    await db.migration.update({ where: { id: migrationId }, data: { state: "completed", cutoverAt: new Date(), watchUntil: new Date(Date.now() + 3_600_000) } });
    const t0 = Date.now() + 500;
    await sleep(2_700);
    const watch = await samplesOf(migrationId, t0);
    // 1 s watch interval here (30 s in production): 2-3 samples, not ~9.
    expect(watch.length).toBeGreaterThanOrEqual(2);
    expect(watch.length).toBeLessThanOrEqual(4);
    const info = await ctl.info("replication");
    const masterOffset = Number(/master_repl_offset:(\d+)/.exec(info)![1]);
    const last = watch[watch.length - 1];
    expect(last.linkUp).toBeNull();
    expect(last.lagBytes).toBeNull();
    expect(last.tgtOffset).toBe(masterOffset);
    const withPersistence = watch.find((s) => s.persistence);
    expect(JSON.parse(withPersistence!.persistence!).tgt).toMatchObject({ rdbLastBgsaveStatus: "ok", aofEnabled: false });
    ctl.disconnect();
  });
});
