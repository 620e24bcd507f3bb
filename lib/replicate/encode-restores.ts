import { digits, PerKeyBatch, writeDigits } from "./verify-bridge";

/** One whole-key write: RESTORE key ttl payload REPLACE, or DEL key when payload is null. */
export type KeyWrite = { key: Buffer; ttl: number; payload: Buffer | null };

const RESTORE_HEAD = Buffer.from("*5\r\n$7\r\nRESTORE\r\n");
const DEL_HEAD = Buffer.from("*2\r\n$3\r\nDEL\r\n");
const REPLACE_TAIL = Buffer.from("$7\r\nREPLACE\r\n");

/**
 * A batch of RESTORE / DEL commands encoded straight into one buffer: the payloads are copied
 * once from the source's reply into the socket write, with no per-argument buffers or strings
 * (this runs once per copied key). It travels as a PerKeyBatch, so the target link's allow-list
 * checks its verbs (exactly the ones written).
 */
export class RestoreBatch extends PerKeyBatch {
  private readonly bytes: Buffer;
  private readonly n: number;

  constructor(readonly writes: KeyWrite[]) {
    let restores = false;
    let dels = false;
    let size = 0;
    for (const w of writes) {
      if (w.payload) {
        restores = true;
        size += RESTORE_HEAD.length + bulkSize(w.key.length) + bulkSize(digits(w.ttl)) + bulkSize(w.payload.length) + REPLACE_TAIL.length;
      } else {
        dels = true;
        size += DEL_HEAD.length + bulkSize(w.key.length);
      }
    }
    super([...(restores ? [["RESTORE"]] : []), ...(dels ? [["DEL"]] : [])], []);
    const out = Buffer.allocUnsafe(size);
    let o = 0;
    for (const w of writes) {
      o += (w.payload ? RESTORE_HEAD : DEL_HEAD).copy(out, o);
      o = bulk(out, o, w.key);
      if (!w.payload) continue;
      out[o++] = 36; // $
      o = writeDigits(out, o, digits(w.ttl));
      o = crlf(out, writeDigits(out, crlf(out, o), w.ttl));
      o = bulk(out, o, w.payload);
      o += REPLACE_TAIL.copy(out, o);
    }
    this.bytes = out;
    this.n = writes.length;
  }

  override get count(): number {
    return this.n;
  }

  override encoded(): Buffer {
    return this.bytes;
  }
}

/** Writes `$len\r\n<b>\r\n` at o; returns the offset after it. */
function bulk(out: Buffer, o: number, b: Buffer): number {
  out[o++] = 36; // $
  o = crlf(out, writeDigits(out, o, b.length));
  o += b.copy(out, o);
  return crlf(out, o);
}

function crlf(out: Buffer, o: number): number {
  out[o++] = 13;
  out[o++] = 10;
  return o;
}

/** Bytes of `$len\r\n<len bytes>\r\n`. */
function bulkSize(len: number): number {
  return digits(len) + 3 + len + 2;
}
