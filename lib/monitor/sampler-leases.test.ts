import "../../test/use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { waitFor } from "../../lab/test-clients";
import { db } from "../db";
import { startSampler, type TSampler } from "./sampler";
import { claimSamplerLeases } from "./sampler-leases";
import { createMigrationRow } from "./test-helpers/fixtures";
import { storedSamples } from "./test-helpers/stored-samples";

const INTERVAL = 250;
const REFRESH = 200;
let src: RedisProcess, tgt: RedisProcess;
const samplers: TSampler[] = [];
const ids: string[] = [];

beforeAll(async () => {
  [src, tgt] = await Promise.all(["lease-src", "lease-tgt"].map((name) => startRedis({ name })));
  for (let i = 0; i < 4; i++) ids.push((await createMigrationRow({ name: `lease-${i}`, source: src, target: tgt })).id);
});
afterAll(async () => {
  await Promise.all(samplers.map((s) => s.stop()));
});

const owners = async () => (await db.samplerLease.findMany({ where: { migrationId: { in: ids } } })).map((l) => l.owner);

describe("sampler leases", () => {
  it("two claimers at once split the migrations: each held by exactly one", async () => {
    const now = Date.now();
    const round = (owner: string) => claimSamplerLeases({ owner, wanted: ids, nowMs: now, ttlMs: 60_000 });
    // Both heartbeats first, so each sees two samplers and claims its half.
    await Promise.all([round("a"), round("b")]);
    const [a, b] = await Promise.all([round("a"), round("b")]);
    expect([...a].filter((id) => b.has(id))).toEqual([]);
    expect(new Set([...a, ...b]).size).toBe(ids.length);
    expect([a.size, b.size].sort()).toEqual([2, 2]);
    await db.samplerLease.deleteMany({});
    await db.samplerWorker.deleteMany({});
  });

  it("two sampler processes' worth of samplers: every migration sampled once per slot, and one takes over when the other stops", async () => {
    samplers.push(startSampler({ intervalMs: INTERVAL, refreshMs: REFRESH }), startSampler({ intervalMs: INTERVAL, refreshMs: REFRESH }));
    await waitFor("leases split 2 + 2", async () => {
      const o = await owners();
      const counts = samplers.map((s) => o.filter((x) => x === s.owner).length);
      return o.length === 4 && counts[0] === 2 && counts[1] === 2;
    }, 20 * REFRESH);
    const from = Date.now();
    await new Promise((r) => setTimeout(r, 8 * INTERVAL));
    const rows = await storedSamples({ migrationId: { in: ids }, at: { gte: new Date(from) } });
    for (const id of ids) {
      const ats = rows.filter((r) => r.migrationId === id).map((r) => r.at.getTime());
      expect(ats.length).toBeGreaterThanOrEqual(5);
      // Stamped with the tick's slot: one sample per interval, never two.
      expect(new Set(ats).size).toBe(ats.length);
      for (const t of ats) expect(t % INTERVAL).toBe(0);
    }

    const [gone, stays] = samplers.splice(0, 2);
    await gone.stop();
    samplers.push(stays);
    await waitFor("the remaining sampler holds all four", async () => (await owners()).filter((o) => o === stays.owner).length === 4, 20 * REFRESH);
    const after = Date.now();
    await waitFor("all four sampled by the remaining one", async () => {
      const r = await storedSamples({ migrationId: { in: ids }, at: { gt: new Date(after) } });
      return new Set(r.map((s) => s.migrationId)).size === 4;
    }, 20 * INTERVAL);
  });
});
