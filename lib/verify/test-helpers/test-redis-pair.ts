// Test support (not a test): two real redis-server processes and ioredis clients for seeding.
import Redis from "ioredis";
import { startRedis, type RedisProcess } from "@/lab/redis-process";
import type { VerifySide } from "../engine/types";

export type RedisPair = {
  source: RedisProcess;
  target: RedisProcess;
  src: Redis;
  tgt: Redis;
  sides: { source: VerifySide; target: VerifySide };
  stop(): Promise<void>;
};

export async function startRedisPair(opts: { sourceArgs?: string[]; targetArgs?: string[] } = {}): Promise<RedisPair> {
  const [source, target] = await Promise.all([
    startRedis({ name: "verify-src", args: opts.sourceArgs }),
    startRedis({ name: "verify-tgt", args: opts.targetArgs }),
  ]);
  const src = new Redis({ host: source.host, port: source.port, maxRetriesPerRequest: 1 });
  const tgt = new Redis({ host: target.host, port: target.port, maxRetriesPerRequest: 1 });
  return {
    source, target, src, tgt,
    sides: { source: { endpoint: { host: source.host, port: source.port } }, target: { endpoint: { host: target.host, port: target.port } } },
    async stop() {
      src.disconnect();
      tgt.disconnect();
      await Promise.all([source.stop(), target.stop()]);
    },
  };
}

/** Runs the same seeding on both ends so they start identical. */
export async function seedBoth(pair: RedisPair, seed: (r: Redis) => Promise<unknown>): Promise<void> {
  await Promise.all([seed(pair.src), seed(pair.tgt)]);
}

/**
 * One absolute expiry for every seeded TTL in this process: seeding both ends of a pair takes
 * seconds on a busy machine, and a relative PEXPIRE would then differ by more than the TTL tolerance.
 */
const EXPIRE_AT_MS = Date.now() + 3_600_000;

/** A varied dataset: every type, some TTLs, a few dbs' worth of keys in db 0. */
export async function seedMixed(r: Redis, n: number, prefix = "k"): Promise<void> {
  for (let i = 0; i < n; i += 5000) {
    const p = r.pipeline();
    for (let j = i; j < Math.min(n, i + 5000); j++) {
      const key = `${prefix}:${j}`;
      switch (j % 6) {
        case 0: p.set(key, `value-${j}`); break;
        case 1: p.hset(key, "name", `n${j}`, "count", String(j), "flag", "1"); break;
        case 2: p.rpush(key, "a", "b", String(j)); break;
        case 3: p.sadd(key, "x", "y", String(j)); break;
        case 4: p.zadd(key, 1, "one", j, `m${j}`); break;
        default: p.xadd(key, `${j + 1}-0`, "f", String(j)); break;
      }
      if (j % 10 < 3) p.pexpireat(key, EXPIRE_AT_MS);
    }
    await p.exec();
  }
}
