import "server-only";
import { ClusterRouter } from "../../redis/cluster/cluster-router";
import { clusterNodeEndpoint } from "../../redis/cluster/cluster-node-endpoint";
import type { TClusterShard } from "../../redis/cluster/cluster-types";
import { createReplicator } from "../create-replicator";
import { sleep } from "../rate-meter";
import { addDifferenceKinds, ZReplicationOptions, type Replicator, type TCreateReplicatorOptions, type TReplicationCheckpoint, type TReplicationStats } from "../types";
import { mergeShardCheckpoints, resumeShard, shardKeyOf } from "./cluster-checkpoint";
import { mergeShardStats, NO_HISTORY, type TShardHistory } from "./cluster-stats";
import { clusterRepairDiff } from "./cluster-repair-diff";
import { refreshOrReseed } from "./refresh-or-reseed";
import { slotRoutedTargets } from "./slot-routed-targets";

/** How often the source's topology is read: a failover is followed within about this. */
export const TOPOLOGY_INTERVAL_MS = 1_000;

type Shard = { primary: string; replicator: Replicator; cp: Omit<TReplicationCheckpoint, "shards"> };

/**
 * Key-level replication from a Redis Cluster: keyspace notifications are node-local, so each
 * source primary gets its own replicator (its own subscriber, SCAN, per-key queue and repair
 * trigger; a key lives on one primary, so per-key ordering holds as for one node). Writes go to a
 * cluster target by slot. The source topology is re-read every TOPOLOGY_INTERVAL_MS: a shard whose
 * primary changed (a failover) gets a new replicator on the new primary, resumed from the old one's
 * checkpoint, which runs the engine's repair pass for the events lost in between.
 */
export function createClusterReplicator(input: TCreateReplicatorOptions): Replicator {
  const options = ZReplicationOptions.parse(input.options);
  const shards = new Map<string, Shard>();
  const history = new Map<string, TShardHistory>();
  let router: ClusterRouter | null = null;
  let stopped = false;
  let changing: Promise<void> = Promise.resolve();
  let watcher: Promise<void> = Promise.resolve();
  const saved = input.checkpoint?.shards ?? {};
  const save = () => input.onCheckpoint(mergeShardCheckpoints(new Map([...shards].map(([k, s]) => [k, s.cp])), options.dbs));

  const startShard = async (shard: TClusterShard, checkpoint: Shard["cp"] | undefined) => {
    const key = shardKeyOf(shard);
    const address = `${shard.primary.host}:${shard.primary.port}`;
    const targetLinks = await slotRoutedTargets(input.target, options.dbs);
    const entry: Shard = { primary: address, cp: checkpoint ?? { phase: "initial-copy", dbs: {}, keysCopied: 0, bytesCopied: 0, needsRepair: false }, replicator: null! };
    const source = { redis: clusterNodeEndpoint(input.source.redis, shard.primary), label: `${input.source.label} shard ${key} (${address})` };
    entry.replicator = createReplicator({
      ...input,
      options,
      source,
      checkpoint,
      ...targetLinks,
      // Its own primary is the seed of the comparison: the registered address may be the node that died.
      repairDiff: clusterRepairDiff({ source, target: input.target }, shard.slots),
      onCheckpoint: async (cp) => {
        entry.cp = cp;
        if (shards.get(key) === entry) await save();
      },
    });
    shards.set(key, entry);
    try {
      await entry.replicator.start();
    } catch (err) {
      shards.delete(key);
      throw err;
    }
  };

  const retire = async (key: string) => {
    const old = shards.get(key)!;
    shards.delete(key);
    const s = old.replicator.stats();
    const h = history.get(key) ?? NO_HISTORY;
    history.set(key, { ...h, reconnects: h.reconnects + s.reconnects, repairs: h.repairs + s.repairs, applied: h.applied + s.live.appliedTotal });
    await old.replicator.stop();
    return old.cp;
  };

  /** Follows the source's topology: a shard whose primary changed, or a new one, gets a replicator there. */
  const follow = async () => {
    router = await refreshOrReseed(router!, input.source.redis);
    const now = new Map(router!.topology.shards.map((s) => [shardKeyOf(s), s]));
    for (const key of [...shards.keys()].filter((k) => !now.has(k))) await retire(key);
    for (const [key, shard] of now) {
      const address = `${shard.primary.host}:${shard.primary.port}`;
      const running = shards.get(key);
      if (running?.primary === address) continue;
      const last = running ? await retire(key) : undefined;
      if (running) history.set(key, { ...history.get(key)!, follows: history.get(key)!.follows + 1 });
      input.onEvent({ kind: "reconnect", at: new Date().toISOString(), message: `${input.source.label} shard ${key}: primary is now ${address}${running ? ` (was ${running.primary}): following the failover, a repair pass recovers the events lost meanwhile` : ""}` });
      await startShard(shard, resumeShard(last, false));
    }
  };

  const watch = async () => {
    while (!stopped) {
      await sleep(TOPOLOGY_INTERVAL_MS);
      if (stopped) return;
      changing = follow().catch((err) => input.onEvent({ kind: "error", at: new Date().toISOString(), message: `reading the source cluster's topology failed, retrying: ${(err as Error).message}` }));
      await changing;
    }
  };

  const all = () => [...shards.values()].map((s) => s.replicator);

  return {
    async start() {
      router = await ClusterRouter.open({ seed: input.source.redis, role: "source", connectionName: "ferry-replicate-topology" });
      try {
        // A resumed checkpoint: every shard repairs (its events during the downtime were lost), each from its own cursor.
        await Promise.all(router.topology.shards.map((s) => startShard(s, input.checkpoint ? resumeShard(saved[shardKeyOf(s)], true) : undefined)));
      } catch (err) {
        await Promise.allSettled(all().map((r) => r.stop()));
        router.close();
        throw err;
      }
      watcher = watch();
    },
    async stop() {
      stopped = true;
      await Promise.allSettled(all().map((r) => r.stop()));
      router?.close();
      await Promise.race([watcher, sleep(100)]);
    },
    stats: (): TReplicationStats => mergeShardStats([...shards].map(([slots, s]) => ({ slots, primary: s.primary, stats: s.replicator.stats() })), history),
    checkpoint: () => mergeShardCheckpoints(new Map([...shards].map(([k, s]) => [k, s.replicator.checkpoint()])), options.dbs),
    async repair() {
      const results = await Promise.all(all().map((r) => r.repair()));
      return { differences: results.reduce((k, r) => k + r.differences, 0), fixed: results.reduce((k, r) => k + r.fixed, 0), byKind: addDifferenceKinds(results.map((r) => r.byKind)) };
    },
    async drain(timeoutMs) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        await changing;
        const before = all();
        const ok = (await Promise.all(before.map((r) => r.drain(Math.max(0, until - Date.now()))))).every(Boolean);
        if (ok && all().length === before.length && all().every((r, i) => r === before[i])) return true;
        if (Date.now() >= until || stopped) return false;
      }
    },
    async sampleCompare(n) {
      const list = all();
      const results = await Promise.all(list.map((r, i) => r.sampleCompare(Math.floor(n / list.length) + (i < n % list.length ? 1 : 0))));
      return { compared: results.reduce((k, r) => k + r.compared, 0), differences: results.reduce((k, r) => k + r.differences, 0) };
    },
  };
}
