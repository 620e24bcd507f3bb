/**
 * Cuts the RDB out of the bytes a master sends after `$EOF:<mark>` (diskless) or `$<len>`
 * (disk-based), without copying the payload: segments are views of the socket's own chunks.
 *
 * EOF-mark format: the payload ends with the same 40 bytes the header announced. The master
 * sends nothing after it until the replica's first REPLCONF ACK (which we never send), so, as
 * Redis's own replica does, it is enough to compare the last 40 bytes seen after each chunk.
 * Length format: exactly <len> bytes; whatever follows is the replication stream, ignored.
 */
export type RdbPayloadFormat = { kind: "eof"; mark: Buffer } | { kind: "bulk"; length: number };

const MARK_LEN = 40;
const RDB_EOF_OPCODE = 0xff;
const CHECKSUM_LEN = 8;

export class RdbPayloadExtractor {
  readonly format: RdbPayloadFormat;
  bytes = 0;
  done = false;
  private tail: Buffer | null = null;
  private head: Buffer = Buffer.alloc(0);
  private last9: Buffer = Buffer.alloc(0);

  constructor(format: RdbPayloadFormat) {
    this.format = format;
    if (format.kind === "bulk" && format.length === 0) this.done = true;
  }

  /** The payload segments contained in `chunk` (possibly none); sets `done` at the end. */
  feed(chunk: Buffer): Buffer[] {
    if (this.done || chunk.length === 0) return [];
    const out = this.format.kind === "bulk" ? this.feedBulk(chunk, this.format.length) : this.feedEof(chunk, this.format.mark);
    for (const seg of out) this.account(seg);
    return out;
  }

  /** `REDIS0011` -> 11; null while fewer than 9 bytes arrived or when the magic is wrong. */
  rdbVersion(): number | null {
    if (this.head.length < 9 || this.head.toString("latin1", 0, 5) !== "REDIS") return null;
    const v = Number(this.head.toString("latin1", 5, 9));
    return Number.isFinite(v) ? v : null;
  }

  /** An RDB ends with the EOF opcode and an 8-byte CRC64: a cheap check that nothing was cut. */
  endsLikeAnRdb(): boolean {
    return this.last9.length === 1 + CHECKSUM_LEN && this.last9[0] === RDB_EOF_OPCODE;
  }

  private feedBulk(chunk: Buffer, length: number): Buffer[] {
    const left = length - this.bytes;
    if (chunk.length >= left) {
      this.done = true;
      return [chunk.subarray(0, left)];
    }
    return [chunk];
  }

  private feedEof(chunk: Buffer, mark: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let data = chunk;
    if (chunk.length < MARK_LEN) {
      data = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
      if (data.length < MARK_LEN) {
        this.tail = data;
        return out;
      }
    } else if (this.tail) {
      out.push(this.tail);
    }
    this.tail = null;
    const cut = data.length - MARK_LEN;
    const end = data.subarray(cut);
    if (cut > 0) out.push(data.subarray(0, cut));
    if (end.equals(mark)) this.done = true;
    else this.tail = end;
    return out;
  }

  private account(seg: Buffer): void {
    this.bytes += seg.length;
    if (this.head.length < 9) this.head = Buffer.concat([this.head, seg.subarray(0, 9 - this.head.length)]);
    this.last9 = seg.length >= 9 ? seg.subarray(seg.length - 9) : Buffer.concat([this.last9, seg]).subarray(-9);
  }
}

/** Parses the bulk header line (`$EOF:<40 bytes>` or `$<len>`), or returns null when it is not one. */
export function parsePayloadHeader(line: string): RdbPayloadFormat | null {
  if (line.startsWith("$EOF:")) {
    const mark = Buffer.from(line.slice(5), "latin1");
    return mark.length === MARK_LEN ? { kind: "eof", mark } : null;
  }
  const m = /^\$(\d+)$/.exec(line);
  return m ? { kind: "bulk", length: Number(m[1]) } : null;
}
