import Redis, { Cluster } from "ioredis";
import { prng } from "./demo-data";

export type WriteLoad = { stop(): Promise<void>; stats(): { ops: number; errors: number } };

/**
 * A steady write load at about `opsPerSec` (sets with TTL, hash increments, list pushes, sorted-set
 * increments, stream appends, deletes) so INFO counters and the demo's charts keep moving.
 * Runs until stopped; errors are counted, not thrown (a source that goes read-only keeps it alive).
 * `cluster`: `port` is any node of a Redis Cluster and every write is routed by slot (following
 * MOVED after a failover), as an application's cluster client does.
 */
export function startWriteLoad(opts: { host?: string; port: number; opsPerSec?: number; db?: number; seed?: number; cluster?: boolean }): WriteLoad {
  const { host = "127.0.0.1", port, opsPerSec = 200, db = 0, seed = 7 } = opts;
  const retryStrategy = (n: number) => Math.min(n * 200, 2000);
  // Auto-pipelining batches each tick's commands per node: one round trip per node, as a pipeline would.
  const c: Redis | Cluster = opts.cluster
    ? new Cluster([{ host, port }], { enableAutoPipelining: true, clusterRetryStrategy: retryStrategy, redisOptions: { maxRetriesPerRequest: 1 } })
    : new Redis({ host, port, db, maxRetriesPerRequest: 1, retryStrategy, enableAutoPipelining: true });
  c.on("error", () => {});
  const rnd = prng(seed);
  const tickMs = 100;
  let ops = 0;
  let errors = 0;
  let carry = 0;
  const timer = setInterval(() => {
    carry += (opsPerSec * tickMs) / 1000;
    const n = Math.floor(carry);
    carry -= n;
    for (let i = 0; i < n; i++) {
      for (const write of oneWrite(c, rnd)) write.then(() => ops++, () => errors++);
    }
  }, tickMs);
  return {
    async stop() {
      clearInterval(timer);
      c.disconnect();
    },
    stats: () => ({ ops, errors }),
  };
}

function oneWrite(c: Redis | Cluster, rnd: () => number): Promise<unknown>[] {
  const id = Math.floor(rnd() * 5000);
  const r = rnd();
  if (r < 0.3) return [c.set(`live:session:${id}`, String(Date.now()), "EX", 300)];
  if (r < 0.5) return [c.hincrby(`live:user:${id}`, "visits", 1)];
  if (r < 0.65) return [c.lpush(`live:feed:${id % 100}`, `post-${Date.now()}`), c.ltrim(`live:feed:${id % 100}`, 0, 99)];
  if (r < 0.8) return [c.zincrby("live:leaderboard", 1, `player-${id % 500}`)];
  if (r < 0.95) return [c.xadd("live:events", "MAXLEN", "~", "5000", "*", "user", String(id), "at", String(Date.now()))];
  return [c.del(`live:session:${id}`)];
}
