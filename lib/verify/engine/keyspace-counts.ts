import "server-only";
import type { DbCounts } from "./types";
import { expectOk, type VerifyLink } from "./verify-link";

export type KeyspaceInfo = Map<number, { keys: number; expires: number }>;

/** Parses the `dbN:keys=..,expires=..,avg_ttl=..` lines of INFO keyspace. */
export function parseKeyspaceInfo(info: string): KeyspaceInfo {
  const out: KeyspaceInfo = new Map();
  for (const m of info.matchAll(/^db(\d+):keys=(\d+),expires=(\d+)/gm)) {
    out.set(Number(m[1]), { keys: Number(m[2]), expires: Number(m[3]) });
  }
  return out;
}

export async function readKeyspaceInfo(link: VerifyLink): Promise<KeyspaceInfo> {
  const [reply] = await link.send([["INFO", "keyspace"]]);
  return parseKeyspaceInfo(expectOk<Buffer>(reply, "INFO keyspace").toString("utf8"));
}

/** Counts level of the comparison: per db keys and keys - expires on both ends. */
export function compareCounts(dbs: number[], source: KeyspaceInfo, target: KeyspaceInfo): DbCounts[] {
  return dbs.map((db) => {
    const s = source.get(db) ?? { keys: 0, expires: 0 };
    const t = target.get(db) ?? { keys: 0, expires: 0 };
    return {
      db,
      sourceKeys: s.keys,
      sourceExpires: s.expires,
      targetKeys: t.keys,
      targetExpires: t.expires,
      keysAgree: s.keys === t.keys,
      persistentAgree: s.keys - s.expires === t.keys - t.expires,
    };
  });
}
