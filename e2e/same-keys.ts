import { expect } from "@playwright/test";
import type { Redis } from "ioredis";

/**
 * Keys whose TTL ends within this margin are left out: expiry is lazy and the two ends are read
 * moments apart, so such a key may be gone from one end's count and not yet from the other's
 * (INFO keyspace counts expired keys until they are reclaimed). Ten seconds is far beyond the
 * time the check itself takes.
 */
const EXPIRY_MARGIN_MS = 10_000;
const CHUNK = 1_000;

async function dbsWithKeys(r: Redis): Promise<number[]> {
  return [...(await r.info("keyspace")).matchAll(/^db(\d+):keys=\d+/gm)].map((m) => Number(m[1]));
}

/** The keys of one db that will still be there after the margin: no TTL, or a longer one. */
async function lastingKeys(r: Redis, db: number): Promise<string[]> {
  const c = r.duplicate({ db });
  try {
    const keys: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = await c.scan(cursor, "COUNT", CHUNK);
      cursor = next;
      const ttls = await Promise.all(batch.map((k) => c.pttl(k)));
      batch.forEach((k, i) => (ttls[i] === -1 || ttls[i] > EXPIRY_MARGIN_MS) && keys.push(k));
    } while (cursor !== "0");
    return keys;
  } finally {
    c.disconnect();
  }
}

async function missingKeys(r: Redis, db: number, keys: string[]): Promise<string[]> {
  const c = r.duplicate({ db });
  try {
    const exists = await Promise.all(keys.map((k) => c.exists(k)));
    return keys.filter((_, i) => exists[i] === 0);
  } finally {
    c.disconnect();
  }
}

/**
 * Every key of either end that is not about to expire exists on the other, in every db: the
 * key-for-key check behind "the target holds every key", immune to TTLs ending mid-check.
 * Returns how many keys were checked on the first end.
 */
export async function expectSameLastingKeys(a: Redis, b: Redis, names: [string, string]): Promise<number> {
  const dbs = [...new Set([...(await dbsWithKeys(a)), ...(await dbsWithKeys(b))])].sort((x, y) => x - y);
  let checked = 0;
  for (const db of dbs) {
    const onA = await lastingKeys(a, db);
    checked += onA.length;
    expect((await missingKeys(b, db, onA)).slice(0, 10), `keys of ${names[0]} db${db} missing on ${names[1]}`).toEqual([]);
    expect((await missingKeys(a, db, await lastingKeys(b, db))).slice(0, 10), `keys of ${names[1]} db${db} missing on ${names[0]}`).toEqual([]);
  }
  return checked;
}
