import Redis from "ioredis";
import { keySlot } from "../../lib/redis/cluster/key-slot";
import type { LabContext } from "../context";
import { startRedis } from "../redis-process";
import { parseSlots } from "./cluster-group-nodes";
import { primaryOf, type Group } from "./state";

const BATCH = 500;

/**
 * Restores RDBs into a cluster-mode group that is already a formed, empty Redis Cluster, the way
 * ElastiCache seeds one: every key goes to the shard whose slots own it, whichever RDB (one per
 * source shard, or a single node's) it came from. Each RDB is opened by a throwaway redis-server
 * and its keys move by DUMP/RESTORE with their remaining TTL. A cluster holds database 0 only, so
 * an RDB with keys elsewhere fails the restore, as it cannot be represented.
 */
export async function seedClusterFromRdbs(ctx: LabContext, g: Group, rdbFiles: string[]): Promise<void> {
  const owners = g.shards.map((s) => ({ range: parseSlots(s.slots!), port: primaryOf(s).redis.port }));
  const ownerOf = (slot: number) => owners.find((o) => slot >= o.range[0] && slot <= o.range[1])!.port;
  for (const [i, file] of rdbFiles.entries()) {
    const reader = await startRedis({ name: `${g.id}-restore-${i + 1}`, baseDir: `${ctx.dir}/restore`, rdbFile: file });
    const src = new Redis({ host: "127.0.0.1", port: reader.port, maxRetriesPerRequest: 1 });
    try {
      const keyspace = await src.info("keyspace");
      const otherDb = keyspace.match(/^db([1-9]\d*):keys=/m);
      if (otherDb) throw new Error(`The RDB holds keys in database ${otherDb[1]}; a cluster-mode-enabled group has database 0 only.`);
      let cursor = "0";
      do {
        const [next, keys] = await src.scanBuffer(cursor, "COUNT", BATCH);
        cursor = String(next);
        if (keys.length) await moveKeys(ctx, src, keys, ownerOf);
      } while (cursor !== "0" && !ctx.isStopped);
    } finally {
      src.disconnect();
      await reader.stop();
    }
  }
}

async function moveKeys(ctx: LabContext, src: Redis, keys: Buffer[], ownerOf: (slot: number) => number): Promise<void> {
  const read = src.pipeline();
  for (const k of keys) read.dumpBuffer(k).pttl(k);
  const res = (await read.exec()) ?? [];
  const writes = new Map<number, ReturnType<Redis["pipeline"]>>();
  keys.forEach((k, i) => {
    const [dumpErr, dump] = res[2 * i];
    const ttl = Number(res[2 * i + 1][1]);
    if (dumpErr || !dump || ttl === -2) return; // expired while being read
    const port = ownerOf(keySlot(k));
    if (!writes.has(port)) writes.set(port, ctx.redis(port).pipeline());
    writes.get(port)!.restore(k, ttl > 0 ? ttl : 0, dump as Buffer, "REPLACE");
  });
  for (const p of writes.values()) {
    for (const [err] of (await p.exec()) ?? []) if (err) throw err;
  }
}
