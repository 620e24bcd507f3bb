import "server-only";
import { expectOk, type VerifyLink } from "./verify-link";

/**
 * One slice of a db's SCAN cursor space, so several workers can verify one db side by side.
 *
 * Redis's SCAN cursor counts in reverse-binary order: read bit-reversed, as a binary fraction, it
 * only grows, and a bucket of a 2^k table holds exactly the keys whose bit-reversed hash lies in
 * one aligned interval of width 2^-k, whatever the table's size was before a rehash. So `count`
 * (a power of two) slices [i/count, (i+1)/count) of that fraction line partition the keys. A slice
 * starts SCAN at its own cursor and keeps a reply only when the reply's next cursor has not passed
 * the slice's end; a reply that passed it is thrown away and asked again with a smaller COUNT, down
 * to COUNT 1, whose keys all come from the one bucket just before the returned cursor (while
 * rehashing: the smaller table's bucket and its expansions in the larger one). A bucket wider than
 * a slice is kept whole by the slice ending where it ends and dropped by the others, so even then
 * no key is lost or doubled; the one exception is a rehash whose smaller table has fewer than
 * `count` buckets, where a slice starting inside its bucket sees only part of the larger table's
 * expansions. Redis sizes tables to the key count, so the jobs layer slices only dbs with far
 * more than `count` keys on every side it scans.
 */
export type TScanRange = { index: number; count: number };

const BITS = 64n;
const MASK = (1n << BITS) - 1n;

function reverseBits(x: bigint): bigint {
  let out = 0n;
  for (let i = 0n; i < BITS; i++) if ((x >> i) & 1n) out |= 1n << (BITS - 1n - i);
  return out;
}

/** The cursor where slice `index` of `count` begins ("0" for the first). */
export function rangeStartCursor(r: TScanRange): string {
  return reverseBits(((BigInt(r.index) << BITS) / BigInt(r.count)) & MASK).toString();
}

/** Position of a cursor on the fraction line, scaled by 2^64; the end cursor "0" is the line's end. */
function position(cursor: string): bigint {
  return cursor === "0" ? 1n << BITS : reverseBits(BigInt(cursor));
}

function rangeEnd(r: TScanRange): bigint {
  return (BigInt(r.index + 1) << BITS) / BigInt(r.count);
}

export function isValidRange(r: TScanRange): boolean {
  return Number.isInteger(r.count) && r.count >= 1 && (r.count & (r.count - 1)) === 0 && r.index >= 0 && r.index < r.count;
}

export type TScanStep = { keys: Buffer[]; cursor: string; done: boolean };

/** One SCAN from `cursor` that never returns a key beyond the slice (no slice: a plain SCAN). */
export async function scanStep(link: VerifyLink, cursor: string, count: number, range?: TScanRange): Promise<TScanStep> {
  const end = range ? rangeEnd(range) : 1n << BITS;
  for (let c = count; ; c = Math.max(1, Math.floor(c / 8))) {
    const [reply] = await link.send([["SCAN", cursor, "COUNT", c]]);
    const [nextBuf, keys] = expectOk<[Buffer, Buffer[]]>(reply, "SCAN");
    const next = nextBuf.toString("latin1");
    const at = position(next);
    if (at <= end) return { keys, cursor: next, done: at === end || next === "0" };
    // COUNT 1 returns one bucket, the one just before `next`: past the end, so the next slice's.
    if (c === 1) return { keys: [], cursor: next, done: true };
  }
}
