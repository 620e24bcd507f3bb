import "server-only";
import { parseScore } from "./parse-score";
import { displayKey } from "./key-display";
import type { RespReply } from "./resp-parser";
import { expectOk, isError, type VerifyLink } from "./verify-link";

export type ChunkLimits = { elements: number; bytes: number };

const name = (b: Buffer) => `'${displayKey(b, 64)}'`;

export function isZeroCursor(c: Buffer): boolean {
  return c.length === 1 && c[0] === 48;
}

/** Same command on both ends at once; returns both integer replies. */
export async function bothLengths(src: VerifyLink, tgt: VerifyLink, cmd: string, key: Buffer): Promise<[number, number]> {
  const [[s], [t]] = await Promise.all([src.send([[cmd, key]]), tgt.send([[cmd, key]])]);
  return [expectOk<number>(s, cmd), expectOk<number>(t, cmd)];
}

function lengthDetail(what: string, unit: string, s: number, t: number): string | null {
  return s === t ? null : `${what} has ${s} ${unit} in source, ${t} in target`;
}

/**
 * Walks the source with a *SCAN cursor and asks the target about just those members. With
 * equal cardinalities, "every source member is in the target with the same value" means equal,
 * whatever encoding (listpack, hashtable, intset, skiplist) either end chose.
 */
async function scanAndProbe(
  src: VerifyLink,
  key: Buffer,
  scanCmd: string,
  limits: ChunkLimits,
  probe: (flat: Buffer[]) => Promise<string | null>,
): Promise<string | null> {
  let cursor: Buffer = Buffer.from("0");
  do {
    const [r] = await src.send([[scanCmd, key, cursor, "COUNT", limits.elements]]);
    const [next, flat] = expectOk<[Buffer, Buffer[]]>(r, scanCmd);
    cursor = next;
    if (flat.length) {
      const detail = await probe(flat);
      if (detail) return detail;
    }
  } while (!isZeroCursor(cursor));
  return null;
}

export async function compareHash(src: VerifyLink, tgt: VerifyLink, key: Buffer, limits: ChunkLimits) {
  const [s, t] = await bothLengths(src, tgt, "HLEN", key);
  const len = lengthDetail("hash", "fields", s, t);
  if (len) return len;
  return scanAndProbe(src, key, "HSCAN", limits, async (flat) => {
    const fields = flat.filter((_, i) => i % 2 === 0);
    const [r] = await tgt.send([["HMGET", key, ...fields]]);
    const values = expectOk<(Buffer | null)[]>(r, "HMGET");
    for (let i = 0; i < fields.length; i++) {
      if (values[i] === null) return `hash field ${name(fields[i])} missing in target`;
      if (!flat[2 * i + 1].equals(values[i]!)) return `hash field ${name(fields[i])} differs`;
    }
    return null;
  });
}

export async function compareSet(src: VerifyLink, tgt: VerifyLink, key: Buffer, limits: ChunkLimits) {
  const [s, t] = await bothLengths(src, tgt, "SCARD", key);
  const len = lengthDetail("set", "members", s, t);
  if (len) return len;
  return scanAndProbe(src, key, "SSCAN", limits, async (members) => {
    const [r] = await tgt.send([["SMISMEMBER", key, ...members]]);
    // SMISMEMBER is 6.2+; older targets answer per member.
    const found: RespReply[] = isError(r) ? await tgt.send(members.map((m) => ["SISMEMBER", key, m])) : expectOk<number[]>(r, "SMISMEMBER");
    for (let i = 0; i < members.length; i++) {
      if (found[i] !== 1) return `set member ${name(members[i])} missing in target`;
    }
    return null;
  });
}

export async function compareZset(src: VerifyLink, tgt: VerifyLink, key: Buffer, limits: ChunkLimits) {
  const [s, t] = await bothLengths(src, tgt, "ZCARD", key);
  const len = lengthDetail("sorted set", "members", s, t);
  if (len) return len;
  return scanAndProbe(src, key, "ZSCAN", limits, async (flat) => {
    const members = flat.filter((_, i) => i % 2 === 0);
    const [r] = await tgt.send([["ZMSCORE", key, ...members]]);
    const scores: RespReply[] = isError(r) ? await tgt.send(members.map((m) => ["ZSCORE", key, m])) : expectOk<RespReply[]>(r, "ZMSCORE");
    for (let i = 0; i < members.length; i++) {
      const ts = scores[i];
      if (!Buffer.isBuffer(ts)) return `sorted set member ${name(members[i])} missing in target`;
      const a = parseScore(flat[2 * i + 1]);
      const b = parseScore(ts);
      if (a !== b) return `sorted set member ${name(members[i])} score ${a} in source, ${b} in target`;
    }
    return null;
  });
}
