import { clusterWriter, nodeWriter, type BatchWriter, type PipeBatch } from "./cluster-pipes";

export type DemoDataOptions = {
  host?: string;
  port: number;
  /** Total ordinary keys across all dbs (big keys come on top). */
  keys?: number;
  /** Databases to spread keys over; the first gets most. */
  dbs?: number[];
  /** Share of keys with a TTL (0..1). */
  ttlRatio?: number;
  /** Elements in each of the few big keys. */
  bigKeyElements?: number;
  seed?: number;
  /** `port` is any node of a Redis Cluster: keys go to the primary owning their slot (db 0 only). */
  cluster?: boolean;
};

/** Deterministic so two loads with one seed produce the same dataset. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BATCH = 500;

/**
 * Loads a realistic mixed dataset with pipelining: strings (sessions, cache pages, counters),
 * hashes (profiles), lists (carts), sets (tags), sorted sets (leaderboards), streams (events);
 * ~30% of keys expire; a few big keys; several dbs. Returns the keys written per db.
 */
export async function loadDemoData(opts: DemoDataOptions): Promise<Record<number, number>> {
  const { host = "127.0.0.1", port, keys = 30_000, ttlRatio = 0.3, bigKeyElements = 20_000, seed = 42 } = opts;
  // A cluster has one database.
  const dbs = opts.cluster ? [0] : (opts.dbs ?? [0, 1, 2]);
  const rnd = prng(seed);
  const counts: Record<number, number> = {};
  let assigned = 0;
  const weights = dbs.map((_, i) => (i === 0 ? 0.7 : 0.3 / Math.max(1, dbs.length - 1)));
  for (const [di, db] of dbs.entries()) {
    const n = di === dbs.length - 1 ? keys - assigned : Math.round(keys * weights[di]);
    assigned += n;
    const w = opts.cluster ? await clusterWriter(host, port) : await nodeWriter(host, port, db);
    try {
      for (let start = 0; start < n; start += BATCH) {
        const b = w.batch();
        for (let i = start; i < Math.min(n, start + BATCH); i++) writeKey(b.pipeFor, `${db}:${i}`, i, rnd, ttlRatio);
        await b.exec();
      }
      if (di === 0) await writeBigKeys(w, bigKeyElements);
      counts[db] = n + (di === 0 ? 4 : 0);
    } finally {
      w.close();
    }
  }
  return counts;
}

function writeKey(pipeFor: PipeBatch["pipeFor"], id: string, i: number, rnd: () => number, ttlRatio: number): void {
  const kind = rnd();
  const ttl = rnd() < ttlRatio ? 600 + Math.floor(rnd() * 86_400) : 0;
  let key: string;
  if (kind < 0.25) {
    key = `session:${id}`;
    pipeFor(key).set(key, JSON.stringify({ user: Math.floor(rnd() * 1e6), csrf: rnd().toString(36).slice(2), ua: "Mozilla/5.0" }));
  } else if (kind < 0.4) {
    key = `cache:page:${id}`;
    pipeFor(key).set(key, "<html>".padEnd(200 + Math.floor(rnd() * 2000), "x"));
  } else if (kind < 0.45) {
    key = `counter:${id}`;
    pipeFor(key).set(key, String(Math.floor(rnd() * 1e6)));
  } else if (kind < 0.65) {
    key = `user:${id}:profile`;
    pipeFor(key).hset(key, { name: `user${i}`, email: `user${i}@example.com`, plan: rnd() < 0.2 ? "pro" : "free", logins: String(Math.floor(rnd() * 500)) });
  } else if (kind < 0.75) {
    key = `cart:${id}`;
    pipeFor(key).rpush(key, ...Array.from({ length: 1 + Math.floor(rnd() * 8) }, (_, k) => `sku-${Math.floor(rnd() * 1e5)}-${k}`));
  } else if (kind < 0.85) {
    key = `tags:${id}`;
    pipeFor(key).sadd(key, ...Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => `tag${Math.floor(rnd() * 50)}`));
  } else if (kind < 0.95) {
    key = `leaderboard:${id}`;
    const args: (string | number)[] = [];
    for (let k = 0; k < 5 + Math.floor(rnd() * 10); k++) args.push(Math.floor(rnd() * 1e4), `player${k}`);
    pipeFor(key).zadd(key, ...args);
  } else {
    key = `events:${id}`;
    for (let k = 0; k < 3; k++) pipeFor(key).xadd(key, "*", "type", rnd() < 0.5 ? "click" : "view", "n", String(k));
  }
  if (ttl) pipeFor(key).expire(key, ttl);
}

async function writeBigKeys(w: BatchWriter, n: number): Promise<void> {
  for (let start = 0; start < n; start += 1000) {
    const b = w.batch();
    const len = Math.min(1000, n - start);
    b.pipeFor("big:hash:catalog").hset("big:hash:catalog", Object.fromEntries(Array.from({ length: len }, (_, k) => [`item:${start + k}`, `price=${(start + k) % 997}`])));
    b.pipeFor("big:list:audit").rpush("big:list:audit", ...Array.from({ length: len }, (_, k) => `audit-entry-${start + k}`));
    b.pipeFor("big:zset:ranking").zadd("big:zset:ranking", ...Array.from({ length: len }, (_, k) => [start + k, `member-${start + k}`]).flat());
    await b.exec();
  }
  const b = w.batch();
  b.pipeFor("big:string:blob").set("big:string:blob", Buffer.alloc(Math.min(8 * 1024 * 1024, n * 100), "b"));
  await b.exec();
}
