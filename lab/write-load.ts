import Redis from "ioredis";
import { prng } from "./demo-data";

export type WriteLoad = { stop(): Promise<void>; stats(): { ops: number; errors: number } };

/**
 * A steady write load at about `opsPerSec` (sets with TTL, hash increments, list pushes, sorted-set
 * increments, stream appends, deletes) so INFO counters and the demo's charts keep moving.
 * Runs until stopped; errors are counted, not thrown (a source that goes read-only keeps it alive).
 */
export function startWriteLoad(opts: { host?: string; port: number; opsPerSec?: number; db?: number; seed?: number }): WriteLoad {
  const { host = "127.0.0.1", port, opsPerSec = 200, db = 0, seed = 7 } = opts;
  const c = new Redis({ host, port, db, maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(n * 200, 2000) });
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
    if (n === 0) return;
    const p = c.pipeline();
    for (let i = 0; i < n; i++) {
      const id = Math.floor(rnd() * 5000);
      const r = rnd();
      if (r < 0.3) p.set(`live:session:${id}`, String(Date.now()), "EX", 300);
      else if (r < 0.5) p.hincrby(`live:user:${id}`, "visits", 1);
      else if (r < 0.65) p.lpush(`live:feed:${id % 100}`, `post-${Date.now()}`).ltrim(`live:feed:${id % 100}`, 0, 99);
      else if (r < 0.8) p.zincrby("live:leaderboard", 1, `player-${id % 500}`);
      else if (r < 0.95) p.xadd("live:events", "MAXLEN", "~", "5000", "*", "user", String(id), "at", String(Date.now()));
      else p.del(`live:session:${id}`);
    }
    p.exec().then(
      (res) => {
        for (const [err] of res ?? []) {
          if (err) errors++;
          else ops++;
        }
      },
      () => (errors += n),
    );
  }, tickMs);
  return {
    async stop() {
      clearInterval(timer);
      c.disconnect();
    },
    stats: () => ({ ops, errors }),
  };
}
