import "server-only";
import { AppError } from "@/lib/errors";
import type { TypeLevelOutcome } from "./key-status";
import { parseScore } from "./parse-score";
import { displayKey } from "./key-display";
import type { CommandArg } from "./resp-encode";
import { RespError, type RespReply } from "./resp-parser";
import { PerKeyBatch, type VerifyLink } from "./verify-link";

/** Whole-value reads, used only for keys already known to be small (MEMORY USAGE). */
const FETCH: Record<string, (k: Buffer) => CommandArg[]> = {
  string: (k) => ["GET", k],
  hash: (k) => ["HGETALL", k],
  list: (k) => ["LRANGE", k, 0, -1],
  set: (k) => ["SMEMBERS", k],
  zset: (k) => ["ZRANGE", k, 0, -1, "WITHSCORES"],
};

const name = (b: Buffer) => `'${displayKey(b, 64)}'`;
const text = (r: RespReply | string) => (Buffer.isBuffer(r) ? r.toString("latin1") : String(r));

/**
 * The type-level fallback for many small keys at once: two pipelined round trips per batch
 * (TYPE, then one whole-value read per key) instead of four per key. This is the common case,
 * not a rarity: hashtable-encoded sets and hashes DUMP in bucket order, which differs between a
 * source and its replica. `null` means "not handled here" (streams, module types): the caller
 * uses the chunked comparison.
 */
export async function compareSmallKeys(
  src: VerifyLink,
  tgt: VerifyLink,
  keys: Buffer[],
  /** Types already known from the DUMP payloads' first byte; saves the TYPE round trip. */
  known?: ([string, string] | null)[],
): Promise<(TypeLevelOutcome | null)[]> {
  const [st, tt] = known?.every(Boolean) ? [known.map((k) => k![0]), known.map((k) => k![1])] : await readTypes(src, tgt, keys);
  const out: (TypeLevelOutcome | null)[] = new Array(keys.length).fill(null);
  const fetchIdx: number[] = [];
  keys.forEach((_, i) => {
    const [a, b] = [text(st[i]), text(tt[i])];
    if (a === "none") out[i] = b === "none" ? { status: "GONE", detail: "" } : { status: "EXTRA", detail: "deleted on source, still in target" };
    else if (b === "none") out[i] = { status: "MISSING", detail: "missing in target" };
    else if (a !== b) out[i] = { status: "TYPE", detail: `type ${a} in source, ${b} in target` };
    else if (FETCH[a]) fetchIdx.push(i);
  });
  const cmds = fetchIdx.map((i) => FETCH[text(st[i])](keys[i]));
  const [sv, tv] = await Promise.all([src.send(cmds), tgt.send(cmds)]);
  fetchIdx.forEach((i, j) => {
    if (sv[j] instanceof RespError || tv[j] instanceof RespError) {
      out[i] = { status: "TYPE", detail: "type changed while being compared" };
      return;
    }
    const type = text(st[i]);
    if (type !== "string" && !(Array.isArray(sv[j]) && Array.isArray(tv[j]))) {
      // Never let an unexpected reply shape (e.g. a client that post-processes replies) read as equal.
      throw new AppError("REDIS_ERROR", `unexpected reply to ${String(cmds[j][0])}: not an array`);
    }
    const detail = DIFF[type](sv[j], tv[j]);
    out[i] = detail ? { status: "VALUE", detail } : { status: "OK", detail: "" };
  });
  return out;
}

async function readTypes(src: VerifyLink, tgt: VerifyLink, keys: Buffer[]): Promise<[string[], string[]]> {
  const batch = new PerKeyBatch([["TYPE"]], keys);
  const [st, tt] = await Promise.all([src.perKey(batch), tgt.perKey(batch)]);
  return [st.map(text), tt.map(text)];
}

/** The logical type behind a DUMP payload's first byte (the RDB object type, RDB 9 to 11). */
export function typeOfDump(payload: Buffer): string | null {
  return RDB_TYPES[payload[0]] ?? null;
}
const RDB_TYPES: Record<number, string> = {
  0: "string",
  1: "list", 10: "list", 14: "list", 18: "list",
  2: "set", 11: "set", 20: "set",
  3: "zset", 5: "zset", 12: "zset", 17: "zset",
  4: "hash", 9: "hash", 13: "hash", 16: "hash",
  15: "stream", 19: "stream", 21: "stream",
};

type Diff = (s: RespReply, t: RespReply) => string | null;

const DIFF: Record<string, Diff> = {
  string: (s, t) => {
    const [a, b] = [s as Buffer | null, t as Buffer | null];
    if (!a || !b) return a === b ? null : "value changed while being compared";
    if (a.length !== b.length) return `string is ${a.length} bytes in source, ${b.length} in target`;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `string differs at byte ${i}`;
    return null;
  },
  list: (s, t) => {
    const [a, b] = [s as Buffer[], t as Buffer[]];
    if (a.length !== b.length) return `list has ${a.length} elements in source, ${b.length} in target`;
    for (let i = 0; i < a.length; i++) if (!a[i].equals(b[i])) return `list element at index ${i} differs`;
    return null;
  },
  hash: (s, t) => {
    const [a, b] = [s as Buffer[], t as Buffer[]];
    if (a.length !== b.length) return `hash has ${a.length / 2} fields in source, ${b.length / 2} in target`;
    const target = pairs(b);
    for (let i = 0; i < a.length; i += 2) {
      const v = target.get(a[i].toString("latin1"));
      if (!v) return `hash field ${name(a[i])} missing in target`;
      if (!v.equals(a[i + 1])) return `hash field ${name(a[i])} differs`;
    }
    return null;
  },
  set: (s, t) => {
    const [a, b] = [s as Buffer[], t as Buffer[]];
    if (a.length !== b.length) return `set has ${a.length} members in source, ${b.length} in target`;
    const target = new Set(b.map((m) => m.toString("latin1")));
    for (const m of a) if (!target.has(m.toString("latin1"))) return `set member ${name(m)} missing in target`;
    return null;
  },
  zset: (s, t) => {
    const [a, b] = [s as Buffer[], t as Buffer[]];
    if (a.length !== b.length) return `sorted set has ${a.length / 2} members in source, ${b.length / 2} in target`;
    const target = pairs(b);
    for (let i = 0; i < a.length; i += 2) {
      const score = target.get(a[i].toString("latin1"));
      if (!score) return `sorted set member ${name(a[i])} missing in target`;
      const [x, y] = [parseScore(a[i + 1]), parseScore(score)];
      if (x !== y) return `sorted set member ${name(a[i])} score ${x} in source, ${y} in target`;
    }
    return null;
  },
};

function pairs(flat: Buffer[]): Map<string, Buffer> {
  const m = new Map<string, Buffer>();
  for (let i = 0; i < flat.length; i += 2) m.set(flat[i].toString("latin1"), flat[i + 1]);
  return m;
}
