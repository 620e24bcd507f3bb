import "../../test/use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Redis from "ioredis";
import { startRedisCluster, type RedisCluster } from "@/lab/redis-cluster";
import { startRedis, type RedisProcess } from "@/lab/redis-process";
import { pollUntil } from "@/test/test-helpers/poll-until";
import { ClusterRouter } from "../redis/cluster/cluster-router";
import { keySlot } from "../redis/cluster/key-slot";
import { DEFAULT_REPLICATION_OPTIONS } from "../replicate/types";
import { createReplication } from "../flows/replication/create-replication";
import { REPLICATION_TICK_MS, startReplicationLoop, type TReplicationLoop } from "../flows/replication/replication-loop";
import { testSampler } from "../flows/test-helpers/flow-lab";
import { db } from "../db";
import { getMonitorData, type TLatestSample } from "./get-monitor-data";
import type { TSampler } from "./sampler";
import { readShardFacts } from "./shard-facts";
import { createMigrationRow } from "./test-helpers/fixtures";
import { latestStoredSample } from "./test-helpers/stored-samples";

// A replicator reports every tick and the sampler stores it at its next sample: a few dozen ticks is ample on a busy machine.
const SETTLE_MS = 60 * REPLICATION_TICK_MS;
const N = 900;
let source: RedisCluster;
let target: RedisProcess;
let loop: TReplicationLoop;
let sampler: TSampler;

beforeAll(async () => {
  [source, target] = await Promise.all([startRedisCluster({ shards: 3, replicasPerShard: 0, name: "mrs", args: ["--notify-keyspace-events", "KEA"] }), startRedis({ name: "mrt" })]);
  const writer = await ClusterRouter.open({ seed: source.seed, role: "target" });
  await Promise.all(Array.from({ length: N }, (_, i) => writer.call("SET", `k:${i}`, `v${i}`)));
  writer.close();
}, 120_000);
afterAll(async () => {
  await loop?.stop();
  await sampler?.stop();
  await Promise.all([source?.stop(), target?.stop()]);
});

async function latestWhere(migrationId: string, what: string, ok: (l: TLatestSample) => boolean): Promise<TLatestSample> {
  let seen = "";
  return pollUntil(what, async () => {
    const { latest } = await getMonitorData({ migrationId, range: "live" });
    seen = JSON.stringify(latest?.replicatorShards);
    return latest && ok(latest) ? latest : false;
  }, { timeoutMs: SETTLE_MS, lastSeen: () => seen });
}

describe("the monitor of key-level replication from a cluster", () => {
  it("shows one row per source primary from the samples: subscriber, keys copied, and the reconnect of the one whose subscriber was killed", async () => {
    const m = await createMigrationRow({ name: "repl-shards", source: source.shards[0].primary, target });
    await db.migration.update({ where: { id: m.id }, data: { strategy: "replicate" } });
    await createReplication({ migrationId: m.id, direction: "forward", options: DEFAULT_REPLICATION_OPTIONS });
    loop = startReplicationLoop({ ownerId: "repl-shards", leaseMs: 5 * REPLICATION_TICK_MS, log: () => {} });
    sampler = testSampler();

    const slotsOf = (s: RedisCluster["shards"][number]) => `${s.slots[0]}-${s.slots[1]}`;
    const copied = await latestWhere(m.id, "every primary subscribed and copied", (l) => l.replicatorShards.length === 3 && l.replicatorShards.every((r) => r.subscribed) && l.replicatorShards.reduce((k, r) => k + r.keysCopied, 0) === N);
    const rows = [...copied.replicatorShards].sort((a, b) => Number(a.slots.split("-")[0]) - Number(b.slots.split("-")[0]));
    expect(rows.map((r) => [r.slots, r.primary])).toEqual(source.shards.map((s) => [slotsOf(s), `127.0.0.1:${s.primary.port}`]));
    // Each primary copied exactly the keys whose slots it owns.
    const owned = (s: RedisCluster["shards"][number]) => Array.from({ length: N }, (_, i) => keySlot(`k:${i}`)).filter((x) => x >= s.slots[0] && x <= s.slots[1]).length;
    expect(rows.map((r) => r.keysCopied)).toEqual(source.shards.map(owned));
    expect(rows.map((r) => [r.reconnects, r.follows])).toEqual([[0, 0], [0, 0], [0, 0]]);
    // The online strategy's shard pairs are read from the same column: a replicator row is not one.
    const stored = await latestStoredSample({ migrationId: m.id, shards: { not: null } });
    expect(readShardFacts(stored!.shards)).toEqual([]);

    // The middle primary drops the subscriber: only its row reconnects.
    const middle = source.shards[1];
    const admin = new Redis({ host: "127.0.0.1", port: middle.primary.port, lazyConnect: true });
    await admin.connect();
    try {
      expect(Number(await admin.call("CLIENT", "KILL", "TYPE", "pubsub"))).toBeGreaterThanOrEqual(1);
    } finally {
      admin.disconnect();
    }
    const after = await latestWhere(m.id, "the middle primary's subscriber reconnected", (l) => l.replicatorShards.find((r) => r.slots === slotsOf(middle))?.reconnects === 1 && l.replicatorShards.every((r) => r.subscribed));
    expect(after.replicatorShards.filter((r) => r.slots !== slotsOf(middle)).map((r) => r.reconnects)).toEqual([0, 0]);
  }, 180_000);
});
