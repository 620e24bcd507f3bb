import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Redis from "ioredis";
import { startRedisCluster, type RedisCluster } from "../../lab/redis-cluster";
import { ClusterRouter } from "../redis/cluster/cluster-router";
import { runPreflight } from "./run-preflight";
import { clusterSlotSplitCheck } from "./cluster-slot-split-check";
import type { TClusterFacts } from "./cluster-facts";

const OPEN = ["--protected-mode", "no", "--bind", "0.0.0.0"];
let src: RedisCluster;
let two: RedisCluster;
let three: RedisCluster;
const admin = (port: number) => new Redis({ host: "127.0.0.1", port, maxRetriesPerRequest: 1 });
const ep = (c: RedisCluster) => ({ kind: "redis" as const, endpoint: { ...c.seed } });
const run = (strategy: "replicaof" | "replicate", target: RedisCluster) =>
  runPreflight({ strategy, source: ep(src), target: ep(target), sampleSize: 50 });
const byId = (r: Awaited<ReturnType<typeof run>>, id: string) => r.checks.find((c) => c.id === id)!;

beforeAll(async () => {
  [src, two, three] = await Promise.all([
    startRedisCluster({ shards: 3, replicasPerShard: 0, name: "pf-src", args: OPEN }),
    startRedisCluster({ shards: 2, replicasPerShard: 0, name: "pf-two", args: OPEN }),
    startRedisCluster({ shards: 3, replicasPerShard: 0, name: "pf-three", args: OPEN }),
  ]);
  const r = await ClusterRouter.open({ seed: src.seed, role: "target" });
  for (let i = 0; i < 3000; i++) await r.call("SET", `k:${i}`, "x".repeat(200));
  r.close();
}, 120_000);
afterAll(() => Promise.all([src?.stop(), two?.stop(), three?.stop()]));

describe("cluster pre-flight, per shard", () => {
  it("3 -> 3 shards with the same slots: coverage, resharding, versions, settings and slot split pass", async () => {
    const r = await run("replicaof", three);
    for (const id of ["source.cluster-coverage", "target.cluster-coverage", "source.cluster-resharding", "target.cluster-resharding", "source.cluster-versions", "source.cluster-settings", "pairing.slot-split", "pairing.shard-memory"]) {
      expect(byId(r, id), id).toMatchObject({ status: "pass" });
    }
    expect(byId(r, "source.cluster-versions").evidence.split(";")).toHaveLength(3);
  });

  it("3 -> 2 shards fails the slot split with the fix; a full target shard fails memory, naming it", async () => {
    const small = admin(two.shards[1].primary.port);
    try {
      await small.call("CONFIG", "SET", "maxmemory", String(200 * 1024));
      const r = await run("replicaof", two);
      expect(byId(r, "pairing.slot-split")).toMatchObject({ status: "fail", fix: expect.stringContaining("--node-group-count 3") });
      const mem = byId(r, "pairing.shard-memory");
      expect(mem.status).toBe("fail");
      expect(mem.evidence).toContain(`127.0.0.1:${two.shards[1].primary.port}: `);
    } finally {
      await small.call("CONFIG", "SET", "maxmemory", "0");
      small.disconnect();
    }
  });

  it("replicate: notifications must be on every primary; the one without is named", async () => {
    const on = await Promise.all(src.shards.slice(0, 2).map((s) => admin(s.primary.port)));
    try {
      for (const c of on) await c.call("CONFIG", "SET", "notify-keyspace-events", "KEA");
      const r = await run("replicate", three);
      const n = byId(r, "source.keyspace-notifications.every-primary");
      expect(n.status).toBe("fail");
      expect(n.fix).toContain(`127.0.0.1:${src.shards[2].primary.port}`);
      expect(n.fix).not.toContain(`127.0.0.1:${src.shards[0].primary.port}`);
    } finally {
      for (const c of on) c.disconnect();
    }
  });

  it("a slot migrating and slots without owner fail, each with its fix", async () => {
    const a = admin(three.shards[0].primary.port);
    const b = admin(three.shards[1].primary.port);
    try {
      await a.call("CLUSTER", "SETSLOT", 10, "MIGRATING", String(await b.call("CLUSTER", "MYID")));
      await a.call("CLUSTER", "DELSLOTSRANGE", 20, 29);
      const r = await runPreflight({ strategy: "replicaof", source: ep(src), target: { kind: "redis", endpoint: { host: "127.0.0.1", port: three.shards[0].primary.port } }, sampleSize: 50 });
      expect(byId(r, "target.cluster-resharding")).toMatchObject({ status: "fail", evidence: expect.stringContaining("slot 10 migrating"), fix: expect.stringContaining("STABLE") });
      expect(byId(r, "target.cluster-coverage")).toMatchObject({ status: "fail", evidence: expect.stringContaining("unassigned: 20-29"), fix: expect.stringContaining("ADDSLOTSRANGE 20 29") });
      expect(r.summary.blocking).toBe(true);
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });

  it("equal counts but another split: a warning that AWS will reshard the target, not a failure", () => {
    const facts = { topology: { shards: [{ slots: [[0, 8191]] }, { slots: [[8192, 16383]] }] }, primaries: [] } as unknown as TClusterFacts;
    const c = clusterSlotSplitCheck(facts, [[[0, 5000]], [[5001, 16383]]]);
    expect(c.status).toBe("warn");
    expect(c.evidence).toContain("AWS will reshard the target");
  });
});
