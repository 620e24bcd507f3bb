import { PerKeyBatch } from "./verify-bridge";

/** One whole-key write: RESTORE key ttl payload REPLACE, or DEL key when payload is null. */
export type KeyWrite = { key: Buffer; ttl: number; payload: Buffer | null };

const RESTORE_HEAD = Buffer.from("*5\r\n$7\r\nRESTORE\r\n");
const DEL_HEAD = Buffer.from("*2\r\n$3\r\nDEL\r\n");
const REPLACE_TAIL = Buffer.from("$7\r\nREPLACE\r\n");

/**
 * A batch of RESTORE / DEL commands encoded straight into one buffer: the payloads are copied
 * once from the source's reply into the socket write, with no per-argument buffers. It travels
 * as a PerKeyBatch, so the target link's allow-list checks its verbs (exactly the ones written).
 */
export class RestoreBatch extends PerKeyBatch {
  private readonly bytes: Buffer;
  private readonly n: number;

  constructor(readonly writes: KeyWrite[]) {
    const verbs = new Set<string>();
    let size = 0;
    for (const w of writes) {
      verbs.add(w.payload ? "RESTORE" : "DEL");
      size += w.payload ? RESTORE_HEAD.length + bulkSize(w.key.length) + bulkSize(String(w.ttl).length) + bulkSize(w.payload.length) + REPLACE_TAIL.length : DEL_HEAD.length + bulkSize(w.key.length);
    }
    super([...verbs].map((v) => [v]), []);
    const out = Buffer.allocUnsafe(size);
    let o = 0;
    const bulk = (b: Buffer | string) => {
      o += out.write(`$${b.length}\r\n`, o, "latin1");
      o += typeof b === "string" ? out.write(b, o, "latin1") : b.copy(out, o);
      out[o++] = 13;
      out[o++] = 10;
    };
    for (const w of writes) {
      o += (w.payload ? RESTORE_HEAD : DEL_HEAD).copy(out, o);
      bulk(w.key);
      if (!w.payload) continue;
      bulk(String(w.ttl));
      bulk(w.payload);
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

/** Bytes of `$len\r\n<len bytes>\r\n`. */
function bulkSize(len: number): number {
  return String(len).length + 3 + len + 2;
}
