import "server-only";
import type { Redis } from "ioredis";

export type SampledKey = {
  db: number;
  /** UTF-8 rendering for display; binary-safe names are kept in `keyHex` when not valid UTF-8. */
  key: string;
  keyHex?: string;
  type: string;
  /** MEMORY USAGE in bytes; null when the key vanished between SCAN and MEMORY USAGE. */
  bytes: number | null;
};

export type KeySample = {
  /** What the caller asked for; the result says how many keys were actually looked at. */
  requested: number;
  sampled: number;
  keys: SampledKey[];
  /** True when SCAN reached the end of every db sampled (the sample is the whole keyspace). */
  complete: boolean;
  scanCalls: number;
};

export type SampleKeysOptions = {
  sampleSize: number;
  /** db index -> key count (from INFO keyspace); the sample is split across dbs by size. */
  keysPerDb: Record<number, number>;
  /** Hard cap on SCAN round trips so a sparse keyspace cannot make this unbounded. */
  maxScanCalls?: number;
};

/**
 * A bounded SCAN sample with TYPE and MEMORY USAGE per key. Bounded in keys and in round trips
 * so it answers in seconds on millions of keys; it is a sample, and results must say so.
 * Restores the client's selected db afterwards.
 */
export async function sampleKeys(client: Redis, opts: SampleKeysOptions): Promise<KeySample> {
  const requested = Math.max(0, Math.floor(opts.sampleSize));
  const dbs = Object.entries(opts.keysPerDb)
    .map(([db, keys]) => ({ db: Number(db), keys }))
    .filter((d) => d.keys > 0)
    .sort((a, b) => a.db - b.db);
  const total = dbs.reduce((n, d) => n + d.keys, 0);
  const maxScanCalls = opts.maxScanCalls ?? Math.max(20, Math.ceil(requested / 50));
  const originalDb = (client.options.db as number | undefined) ?? 0;
  const keys: SampledKey[] = [];
  let scanCalls = 0;
  let complete = true;

  try {
    for (const { db, keys: dbKeys } of dbs) {
      const quota = Math.max(1, Math.round((requested * dbKeys) / Math.max(1, total)));
      if (requested === 0) {
        complete = false;
        break;
      }
      if (dbs.length > 1 || db !== originalDb) await client.select(db);
      const found: Buffer[] = [];
      let cursor = "0";
      do {
        if (scanCalls >= maxScanCalls) break;
        const [next, batch] = await client.scanBuffer(cursor, "COUNT", Math.min(1000, Math.max(10, quota)));
        scanCalls++;
        cursor = String(next);
        for (const k of batch) if (found.length < quota) found.push(k);
      } while (cursor !== "0" && found.length < quota);
      if (cursor !== "0") complete = false;
      keys.push(...(await describeKeys(client, db, found)));
    }
  } finally {
    if (dbs.length > 1 || dbs.some((d) => d.db !== originalDb)) await client.select(originalDb).catch(() => {});
  }
  return { requested, sampled: keys.length, keys, complete, scanCalls };
}

async function describeKeys(client: Redis, db: number, names: Buffer[]): Promise<SampledKey[]> {
  if (names.length === 0) return [];
  const pipeline = client.pipeline();
  for (const k of names) pipeline.type(k).memory("USAGE", k);
  const replies = (await pipeline.exec()) ?? [];
  return names.map((name, i) => {
    const [typeErr, type] = replies[2 * i] ?? [];
    const [memErr, bytes] = replies[2 * i + 1] ?? [];
    const key = name.toString("utf8");
    const lossless = Buffer.from(key, "utf8").equals(name);
    return {
      db,
      key,
      ...(lossless ? {} : { keyHex: name.toString("hex") }),
      type: typeErr ? "unknown" : String(type),
      bytes: memErr || typeof bytes !== "number" ? null : bytes,
    };
  });
}
