import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Redis from "ioredis";
import { startRedisCluster, type RedisCluster } from "@/lab/redis-cluster";
import { ClusterRouter } from "@/lib/redis/cluster/cluster-router";
import { keySlot } from "@/lib/redis/cluster/key-slot";
import { pollUntil } from "@/test/test-helpers/poll-until";
import { AppError } from "@/lib/errors";
import { compareClusterKeyspaces } from "./compare-cluster-keyspaces";
import type { TClusterCheckpoint } from "./cluster-checkpoint";
import type { CompareClusterKeyspacesOptions, TShardProgress } from "./cluster-verify-types";
import { TOPOLOGY_SETTLE_MS, TOPOLOGY_SETTLE_READS } from "./settled-topology";
import { TARGET_MOVED_NOTE } from "./summarize-lanes";

const N = 9000;
const MIG = 300; // keys sharing one slot ({mig}), so a target slot holds enough keys to reshard mid-run
const keys = [...Array.from({ length: N }, (_, i) => (i % 2 ? `s:${i}` : `h:${i}`)), ...Array.from({ length: MIG }, (_, i) => `{mig}:${i}`)];
const TOTAL = keys.length;
const SETTLE_MS = TOPOLOGY_SETTLE_MS * TOPOLOGY_SETTLE_READS;

let src: RedisCluster; // 3 shards, a replica each
let tgt: RedisCluster; // 2 shards: the middle source shard pairs with both
const expected: string[] = [];
const inRange = (k: string, [a, b]: [number, number]) => keySlot(k) >= a && keySlot(k) <= b;
const port = (label: string) => Number(label.split(":")[1]);
const conn = (p: number) => new Redis({ host: "127.0.0.1", port: p });

beforeAll(async () => {
  [src, tgt] = await Promise.all([
    startRedisCluster({ shards: 3, replicasPerShard: 1, name: "tc-src" }),
    startRedisCluster({ shards: 2, replicasPerShard: 0, name: "tc-tgt" }),
  ]);
  for (const c of [src, tgt]) {
    const r = await ClusterRouter.open({ seed: c.seed, role: "target" });
    for (let i = 0; i < TOTAL; i += 500) {
      await Promise.all(keys.slice(i, i + 500).map((k) => (k.startsWith("h:") ? r.call("HSET", k, "f", k, "g", "1") : r.call("SET", k, `v-${k}`))));
    }
    r.close();
  }
  // A missing and a changed key on the target for each source shard; the middle shard's in the
  // slots of its second pair (the one the failover interrupts), so that pair is redone to find them.
  const t = await ClusterRouter.open({ seed: tgt.seed, role: "target" });
  for (const [i, shard] of src.shards.entries()) {
    const range: [number, number] = i === 1 ? [tgt.shards[1].slots[0], shard.slots[1]] : shard.slots;
    const [missing, changed] = keys.filter((k) => k.startsWith("s:") && inRange(k, range));
    await t.call("DEL", missing);
    await t.call("SET", changed, "changed");
    expected.push(`${missing} MISSING`, `${changed} VALUE`);
  }
  t.close();
}, 120_000);
afterAll(() => Promise.all([src?.stop(), tgt?.stop()]));

// Small batches, one in flight, progress after each: a topology change lands mid-pair.
const opts = (o: Partial<CompareClusterKeyspacesOptions> = {}): CompareClusterKeyspacesOptions => ({
  source: src.seed, target: tgt.seed, rounds: 1, reverse: true, batchSize: 50, pipelineDepth: 1, progressIntervalMs: 0, replyTimeoutMs: SETTLE_MS * 3, ...o,
});
const found = (r: { mismatches: { keyDisplay: string; status: string }[] }) => r.mismatches.map((m) => `${m.keyDisplay} ${m.status}`).sort();
async function pttlCalls(p: number): Promise<number> {
  const c = conn(p);
  try {
    return Number(/cmdstat_pttl:calls=(\d+)/.exec(await c.info("commandstats"))?.[1] ?? 0);
  } finally {
    c.disconnect();
  }
}
async function resetStats(): Promise<void> {
  await Promise.all(src.nodes.map(async (n) => {
    const c = conn(n.port);
    await c.config("RESETSTAT");
    c.disconnect();
  }));
}

describe("cluster verification while the topology changes", () => {
  it("a source shard failed over mid-pair: only that shard's unfinished pair is redone, on the new primary; 0 false mismatches, each injected difference found once", async () => {
    const shard = src.shards[1];
    const [oldPrimary, replica] = [shard.primary.port, shard.replicas[0].port];
    const firstPairKeys = keys.filter((k) => inRange(k, [shard.slots[0], tgt.shards[0].slots[1]])).length;
    const secondPairKeys = keys.filter((k) => inRange(k, [tgt.shards[1].slots[0], shard.slots[1]])).length;
    await resetStats();
    let failover: Promise<void> | null = null;
    const onShardProgress = (shards: TShardProgress[]) => {
      const s = shards[1];
      if (failover || s.pairsDone !== 1 || s.keysDone < firstPairKeys + 100) return;
      // The second pair's target node is held still while the source shard fails over, so the
      // pair is certainly mid-way when its source node stops serving these slots.
      process.kill(tgt.shards[1].primary.pid, "SIGSTOP");
      failover = (async () => {
        const [r, o] = [conn(replica), conn(oldPrimary)];
        try {
          await r.call("CLUSTER", "FAILOVER");
          await pollUntil("the replica promoted and the old primary following", async () =>
            /role:master/.test(await r.info("replication")) && /role:slave/.test(await o.info("replication")), { timeoutMs: SETTLE_MS });
        } finally {
          [r, o].forEach((c) => c.disconnect());
          process.kill(tgt.shards[1].primary.pid, "SIGCONT");
        }
      })();
    };
    const r = await compareClusterKeyspaces(opts({ onShardProgress }));
    expect(failover).not.toBeNull();
    await failover;
    expect(found(r)).toEqual([...expected].sort());
    expect(r.keysCompared).toBe(TOTAL);
    expect(r.shards.map((s) => s.pairsRedone)).toEqual([0, 1, 0]);
    expect(r.shards[1].source).toBe(`127.0.0.1:${replica}`);
    expect(r.shards[1].events).toEqual([expect.stringMatching(new RegExp(`^127\\.0\\.0\\.1:${oldPrimary}: slot \\d+ moved to 127\\.0\\.0\\.1:${replica} .*1 pair\\(s\\) redone on 127\\.0\\.0\\.1:${replica} \\(1 finished pair\\(s\\) kept\\)$`))]);
    // The new primary read only the redone pair's keys; the other shards read each of theirs once.
    expect(await pttlCalls(replica)).toBe(secondPairKeys);
    for (const i of [0, 2]) expect(await pttlCalls(src.shards[i].primary.port)).toBe(keys.filter((k) => inRange(k, src.shards[i].slots)).length);
  }, 120_000);

  it("cancelled after its first pairs and resumed from the checkpoint: the same result, finished pairs not compared again, no difference lost or repeated", async () => {
    const whole = await compareClusterKeyspaces(opts({ batchSize: 500, pipelineDepth: 4, progressIntervalMs: 500 }));
    const abort = new AbortController();
    const handed: string[] = [];
    const run = compareClusterKeyspaces(opts({
      batchSize: 200, signal: abort.signal, onMismatch: (m) => void handed.push(`${m.keyDisplay} ${m.status}`), onCheckpoint: () => abort.abort(),
    }));
    const err = await run.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("VERIFY_CANCELLED");
    const checkpoint = JSON.parse(JSON.stringify((err as AppError).detail!.checkpoint)) as TClusterCheckpoint;
    const keptKeys = checkpoint.pairs.reduce((k, p) => k + p.result.keysCompared, 0);
    expect(checkpoint.pairs.length).toBeGreaterThan(0);
    expect(keptKeys).toBeLessThan(TOTAL);
    await resetStats();
    const resumed = await compareClusterKeyspaces(opts({ batchSize: 500, pipelineDepth: 4, resumeFrom: checkpoint, onMismatch: (m) => void handed.push(`${m.keyDisplay} ${m.status}`) }));
    const primaries = resumed.shards.map((s) => port(s.source));
    const reads = (await Promise.all(primaries.map(pttlCalls))).reduce((a, b) => a + b, 0);
    expect(reads).toBe(TOTAL - keptKeys);
    expect(handed.sort()).toEqual([...expected].sort());
    expect(resumed.resumed).toBe(true);
    expect([resumed.keysCompared, resumed.extraKeysScanned, resumed.mismatchCount, resumed.totals]).toEqual([whole.keysCompared, whole.extraKeysScanned, whole.mismatchCount, whole.totals]);
    expect(resumed.shards.map((s) => [s.source, s.keysCompared, s.mismatchCount])).toEqual(whole.shards.map((s) => [s.source, s.keysCompared, s.mismatchCount]));
  }, 120_000);

  it("a target slot resharded mid-run (MIGRATING/IMPORTING, some keys MIGRATEd): lookups follow ASK, 0 false mismatches", async () => {
    const slot = keySlot("{mig}");
    const [from, to] = [tgt.shards.find((s) => inRange("{mig}", s.slots))!, tgt.shards.find((s) => !inRange("{mig}", s.slots))!];
    const sourceShard = src.shards.findIndex((s) => inRange("{mig}", s.slots));
    let resharding: Promise<void> | null = null;
    const onShardProgress = (shards: TShardProgress[]) => {
      if (resharding || shards[sourceShard].keysDone < 100) return;
      // The source node of those keys is held still while the target's slot is resharded.
      const held = src.nodes.find((n) => n.port === port(shards[sourceShard].source))!;
      process.kill(held.pid, "SIGSTOP");
      resharding = (async () => {
        const [a, b] = [conn(from.primary.port), conn(to.primary.port)];
        try {
          await b.call("CLUSTER", "SETSLOT", slot, "IMPORTING", String(await a.call("CLUSTER", "MYID")));
          await a.call("CLUSTER", "SETSLOT", slot, "MIGRATING", String(await b.call("CLUSTER", "MYID")));
          await a.call("MIGRATE", "127.0.0.1", to.primary.port, "", 0, SETTLE_MS, "KEYS", ...keys.filter((k) => k.startsWith("{mig}")).slice(0, MIG / 2));
        } finally {
          [a, b].forEach((c) => c.disconnect());
          process.kill(held.pid, "SIGCONT");
        }
      })();
    };
    const r = await compareClusterKeyspaces(opts({ onShardProgress }));
    expect(resharding).not.toBeNull();
    await resharding;
    expect(found(r)).toEqual([...expected].sort());
    expect(r.keysCompared).toBe(TOTAL);
    expect(r.shards[sourceShard].redirects.ask).toBeGreaterThan(0);
    expect(r.pairsRedone).toBe(0);
    expect(r.notes).toContain(TARGET_MOVED_NOTE);
  }, 120_000);
});
