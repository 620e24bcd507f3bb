import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { captureBaseline, type Baseline } from "./baseline";
import { openRedis } from "./connect";
import { diffBaselines } from "./diff-baselines";
import { replicaHealth } from "./replica-health";
import type { Redis } from "ioredis";
import { pollUntil } from "../../test/test-helpers/poll-until";

let primary: RedisProcess;
let replica: RedisProcess;
let admin: Redis;

const waitFor = (check: () => Promise<boolean>) => pollUntil("the replica to catch up", check, { timeoutMs: 20_000 });

beforeAll(async () => {
  // Redis 7 waits 5 s before a diskless full sync by default; the test need not.
  [primary, replica] = await Promise.all([
    startRedis({ name: "bl-primary", args: ["--repl-diskless-sync-delay", "0"] }),
    startRedis({ name: "bl-replica" }),
  ]);
  admin = openRedis({ host: primary.host, port: primary.port }, { role: "target" });
  const p = admin.pipeline();
  for (let i = 0; i < 300; i++) p.set(`s:${i}`, "x");
  for (let i = 0; i < 50; i++) p.hset(`h:${i}`, "f", "v");
  p.rpush("big:list", ...Array.from({ length: 5000 }, (_, i) => `element-${i}`));
  p.set("ttl:1", "v", "EX", 3600);
  await p.exec();
  await admin.select(4);
  await admin.sadd("db4:set", "a", "b");
  await admin.select(0);
  const r = openRedis({ host: replica.host, port: replica.port }, { role: "target" });
  await r.replicaof(primary.host, primary.port);
  await waitFor(async () => (await r.info("replication")).includes("master_link_status:up"));
  r.disconnect();
  // The primary's fork for that full sync may still be exiting after the replica is up: the
  // baseline must see persistence at rest, as it would outside a full sync.
  await pollUntil("the primary's sync fork to end", async () => (await admin.info("persistence")).includes("rdb_bgsave_in_progress:0"), { timeoutMs: 20_000 });
});
afterAll(() => admin.disconnect());

describe("captureBaseline", () => {
  it("records counts, memory, persistence, replication and a bounded, labelled sample", async () => {
    const src = openRedis({ host: primary.host, port: primary.port }, { role: "source" });
    const b = await captureBaseline(src, { sampleSize: 100, topN: 3 });
    expect(b.keyspace[0]).toMatchObject({ keys: 352, expires: 1 });
    expect(b.keyspace[4]).toMatchObject({ keys: 1 });
    expect(b.totalKeys).toBe(353);
    expect(b.server).toMatchObject({ engine: "redis", mode: "standalone", databases: 16, databasesNote: null });
    expect(b.memory.used).toBeGreaterThan(0);
    expect(b.memory.policy).toBe("noeviction");
    expect(b.persistence).toMatchObject({ aofEnabled: false, rdbBgsaveInProgress: false, rdbLastBgsaveStatus: "ok" });
    expect(b.replication.role).toBe("primary");
    expect(b.replication.replicas).toHaveLength(1);
    expect(b.replication.replicas[0]).toMatchObject({ state: "online", port: replica.port });
    // The sample is bounded and says so.
    expect(b.sample.requested).toBe(100);
    expect(b.sample.sampled).toBeLessThanOrEqual(101);
    expect(b.sample.sampled).toBeGreaterThanOrEqual(50);
    expect(b.sample.complete).toBe(false);
    expect(Object.values(b.sample.typeHistogram).reduce((x, y) => x + y, 0)).toBe(b.sample.sampled);
    expect(b.sample.biggestKeys.length).toBeLessThanOrEqual(3);
    // The client is back on its own db afterwards.
    expect(await src.dbsize()).toBe(352);
    src.disconnect();
  });

  it("finds the big key when the sample covers the keyspace", async () => {
    const src = openRedis({ host: primary.host, port: primary.port }, { role: "source" });
    const b = await captureBaseline(src, { sampleSize: 10_000, topN: 1 });
    expect(b.sample.complete).toBe(true);
    expect(b.sample.sampled).toBe(353);
    expect(b.sample.biggestKeys[0]).toMatchObject({ key: "big:list", type: "list", db: 0 });
    expect(b.sample.typeHistogram).toMatchObject({ string: 301, hash: 50, list: 1, set: 1 });
    src.disconnect();
  });

  it("captures a replica's link state", async () => {
    const r = openRedis({ host: replica.host, port: replica.port }, { role: "source" });
    const b = await captureBaseline(r, { sampleSize: 10 });
    expect(b.replication.role).toBe("replica");
    expect(b.replication.link).toMatchObject({ masterPort: primary.port, status: "up", syncInProgress: false });
    r.disconnect();
  });
});

describe("diffBaselines", () => {
  it("shows a faithful copy as same, and a missing key as a difference", async () => {
    const src = openRedis({ host: primary.host, port: primary.port }, { role: "source" });
    const rep = openRedis({ host: replica.host, port: replica.port }, { role: "source" });
    await waitFor(async () => (await rep.dbsize()) === 352);
    const a = await captureBaseline(src, { sampleSize: 1000 });
    const b = await captureBaseline(rep, { sampleSize: 1000 });
    const rows = diffBaselines(a, b);
    const row = (path: string) => rows.find((r) => r.path === path)!;
    expect(row("keyspace.db0.keys")).toMatchObject({ a: 352, b: 352, status: "same" });
    expect(row("keyspace.db4.keys").status).toBe("same");
    expect(row("memory.used").status).not.toBe("differs");
    expect(row("persistence.aofEnabled").status).toBe("same");
    expect(row("replication.role")).toMatchObject({ a: "primary", b: "replica", status: "expected-diff" });

    await admin.del("s:0");
    await waitFor(async () => (await rep.dbsize()) === 351);
    const after = await captureBaseline(rep, { sampleSize: 10 });
    const changed = diffBaselines(a, after);
    expect(changed.find((r) => r.path === "keyspace.db0.keys")).toMatchObject({ a: 352, b: 351, status: "differs" });
    expect(changed.find((r) => r.path === "totalKeys")?.status).toBe("differs");
    await admin.set("s:0", "x");
    src.disconnect();
    rep.disconnect();
  });

  it("flags memory outside the tolerance, a different policy and new evictions", () => {
    const base = fakeBaseline();
    const other: Baseline = { ...base, memory: { ...base.memory, used: 2_000, policy: "allkeys-lru", evictedKeys: 5 } };
    const rows = diffBaselines(base, other, { memoryTolerance: 0.2 });
    expect(rows.find((r) => r.path === "memory.used")?.status).toBe("differs");
    expect(rows.find((r) => r.path === "memory.policy")?.status).toBe("differs");
    expect(rows.find((r) => r.path === "memory.evictedKeys")?.status).toBe("differs");
    const close = diffBaselines(base, { ...base, memory: { ...base.memory, used: 1_100 } }, { memoryTolerance: 0.2 });
    expect(close.find((r) => r.path === "memory.used")?.status).toBe("expected-diff");
  });
});

describe("replicaHealth", () => {
  it("is ok for a live replica and flags lagging and down ones", async () => {
    const src = openRedis({ host: primary.host, port: primary.port }, { role: "source" });
    const live = replicaHealth(await captureBaseline(src, { sampleSize: 1 }));
    expect(live.overall).toBe("ok");
    src.disconnect();

    const b = fakeBaseline();
    b.replication.replicas = [
      { ip: "10.0.0.2", port: 6379, state: "online", offset: 900, lagBytes: 5_000_000, lagSeconds: 0 },
      { ip: "10.0.0.3", port: 6379, state: "wait_bgsave", offset: 0, lagBytes: null, lagSeconds: 12 },
    ];
    const h = replicaHealth(b);
    expect(h.overall).toBe("down");
    expect(h.replicas.map((r) => r.status)).toEqual(["lagging", "down"]);
    expect(h.message).toMatch(/10\.0\.0\.2:6379 4\.8 MiB behind/);
    expect(replicaHealth({ ...b, replication: { ...b.replication, role: "replica" } }).overall).toBe("not-primary");
  });
});

function fakeBaseline(): Baseline {
  return {
    capturedAt: "2026-01-01T00:00:00.000Z",
    server: { engine: "redis", version: "7.0.15", mode: "standalone", databases: 16, databasesNote: null, uptimeSeconds: 10 },
    keyspace: { 0: { keys: 10, expires: 0, avgTtl: 0 } },
    totalKeys: 10,
    memory: { used: 1_000, peak: 1_000, max: 0, fragmentationRatio: 1, policy: "noeviction", evictedKeys: 0, totalSystemMemory: null },
    persistence: { aofEnabled: false, aofCurrentSize: null, aofRewriteInProgress: false, rdbBgsaveInProgress: false, rdbLastBgsaveStatus: "ok", rdbLastBgsaveTimeSec: -1, rdbChangesSinceLastSave: 0, rdbLastSaveTime: 0 },
    replication: { role: "primary", masterReplOffset: 1000, masterReplid: "x", connectedReplicas: 0, replicas: [], link: null },
    sample: { requested: 0, sampled: 0, complete: true, typeHistogram: {}, biggestKeys: [] },
  };
}
