/**
 * Decodes the two DUMP payload kinds whose bytes depend on hash-table bucket order: a
 * hashtable-encoded set (RDB type 2) and hash (RDB type 4). A source and its replica often hold
 * the same set in a different bucket order, so their payloads differ although the values are
 * equal; comparing the decoded members settles such a key without another round trip.
 *
 * Strict by design: anything unexpected (another type, a truncated payload, bytes left over)
 * returns null and the caller falls back to reading the key from both ends.
 */
const RDB_TYPE_SET = 2;
const RDB_TYPE_HASH = 4;
/** A DUMP payload ends with a 2-byte RDB version and an 8-byte CRC64. */
const TRAILER = 10;

class Truncated extends Error {}

class Cursor {
  pos = 1; // after the type byte
  constructor(readonly buf: Buffer, readonly end: number) {}

  byte(): number {
    if (this.pos >= this.end) throw new Truncated();
    return this.buf[this.pos++];
  }

  /** [length, special encoding or -1] */
  length(): [number, number] {
    const first = this.byte();
    switch (first >> 6) {
      case 0: return [first & 0x3f, -1];
      case 1: return [((first & 0x3f) << 8) | this.byte(), -1];
      case 2: {
        const size = first === 0x80 ? 4 : first === 0x81 ? 8 : 0;
        if (!size || this.pos + size > this.end) throw new Truncated();
        let n = 0;
        for (let i = 0; i < size; i++) n = n * 256 + this.buf[this.pos++];
        if (!Number.isSafeInteger(n)) throw new Truncated();
        return [n, -1];
      }
      default: return [0, first & 0x3f];
    }
  }

  string(): Buffer {
    const [len, special] = this.length();
    if (special < 0) return this.take(len);
    if (special <= 2) {
      const size = 1 << special; // int8, int16, int32, little-endian
      const raw = this.take(size);
      const n = size === 1 ? raw.readInt8(0) : size === 2 ? raw.readInt16LE(0) : raw.readInt32LE(0);
      return Buffer.from(String(n), "latin1");
    }
    if (special === 3) {
      const [clen] = this.length();
      const [ulen] = this.length();
      return lzfDecompress(this.take(clen), ulen);
    }
    throw new Truncated();
  }

  private take(n: number): Buffer {
    if (this.pos + n > this.end) throw new Truncated();
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

function lzfDecompress(input: Buffer, ulen: number): Buffer {
  const out = Buffer.allocUnsafe(ulen);
  let ip = 0;
  let op = 0;
  while (ip < input.length) {
    const ctrl = input[ip++];
    if (ctrl < 32) {
      const run = ctrl + 1;
      if (op + run > ulen || ip + run > input.length) throw new Truncated();
      input.copy(out, op, ip, ip + run);
      ip += run;
      op += run;
    } else {
      let len = ctrl >> 5;
      if (len === 7) len += input[ip++];
      if (ip >= input.length) throw new Truncated();
      let ref = op - ((ctrl & 0x1f) << 8) - 1 - input[ip++];
      len += 2;
      if (ref < 0 || op + len > ulen) throw new Truncated();
      while (len--) out[op++] = out[ref++];
    }
  }
  if (op !== ulen) throw new Truncated();
  return out;
}

/**
 * Members (set) or [field, value] pairs (hash) sorted by member bytes; null when not decodable
 * here. Sorting views into the payload costs no string or map per member, which matters: on Redis
 * before 7.2 every set with a non-integer member is a hashtable, so this runs for many keys.
 */
function decode(payload: Buffer): { type: number; entries: Buffer[][] } | null {
  const type = payload[0];
  if ((type !== RDB_TYPE_SET && type !== RDB_TYPE_HASH) || payload.length < TRAILER + 2) return null;
  const c = new Cursor(payload, payload.length - TRAILER);
  try {
    const [n, special] = c.length();
    if (special >= 0) return null;
    const entries: Buffer[][] = new Array(n);
    for (let i = 0; i < n; i++) entries[i] = type === RDB_TYPE_HASH ? [c.string(), c.string()] : [c.string()];
    if (c.pos !== c.end) return null;
    entries.sort((a, b) => Buffer.compare(a[0], b[0]));
    return { type, entries };
  } catch (err) {
    if (err instanceof Truncated || err instanceof RangeError) return null;
    throw err;
  }
}

/**
 * true: two DUMP payloads of a hashtable set or hash hold the same members (and values), in
 * whatever bucket order. false: not shown equal here (different, or not decodable), so the
 * caller must compare the key another way; never a verdict of "different" on its own.
 */
export function sameUnorderedPayload(a: Buffer, b: Buffer): boolean {
  const x = decode(a);
  if (!x) return false;
  const y = decode(b);
  if (!y || x.type !== y.type || x.entries.length !== y.entries.length) return false;
  for (let i = 0; i < x.entries.length; i++) {
    const [p, q] = [x.entries[i], y.entries[i]];
    if (!p[0].equals(q[0]) || (p.length > 1 && !p[1].equals(q[1]))) return false;
    // A member twice in one payload is corrupt, not equal: refuse rather than compare multisets.
    if (i > 0 && p[0].equals(x.entries[i - 1][0])) return false;
  }
  return true;
}
