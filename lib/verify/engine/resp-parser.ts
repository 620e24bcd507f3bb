/**
 * A minimal RESP2 reply reader for the verification hot path. Bulk strings come back as
 * zero-copy views into the socket chunk, and a batch can ask for its replies as one raw byte
 * region instead: two DUMP batches whose raw regions are byte-equal hold byte-equal payloads,
 * so the common case costs one memcmp per batch instead of one object per key.
 */
export class RespError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RespError";
  }
}

export type RespReply = Buffer | number | null | RespError | RespReply[];

export type ReplySink = {
  /** For the batch at the head of the queue: raw replies still wanted (> 0), 0 if it wants parsed replies, -1 if none is waiting. */
  rawWanted(): number;
  reply(reply: RespReply): void;
  rawPiece(piece: Buffer, replies: number): void;
};

const INCOMPLETE = -1;

export class RespReader {
  private chunks: Buffer[] = [];
  private chunksLen = 0;
  /** Do not parse again until this many bytes are buffered: a 100 MB reply is assembled once, not re-parsed per chunk. */
  private need = 0;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private needHint = 0;

  constructor(private readonly sink: ReplySink) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.chunksLen += chunk.length;
    if (this.chunksLen < this.need) return;
    this.buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.chunksLen);
    this.pos = 0;
    while (this.pos < this.buf.length) {
      const wanted = this.sink.rawWanted();
      if (wanted < 0) throw new RespError("reply received with no command waiting");
      this.needHint = 0;
      const start = this.pos;
      if (wanted > 0) {
        let n = 0;
        let end = start;
        while (n < wanted && (end = this.skip(this.pos)) !== INCOMPLETE) {
          this.pos = end;
          n++;
        }
        if (n > 0) this.sink.rawPiece(this.buf.subarray(start, this.pos), n);
        if (n < wanted) return this.keepRest();
      } else {
        const reply = this.parse();
        if (reply === undefined) {
          this.pos = start;
          return this.keepRest();
        }
        this.sink.reply(reply);
      }
    }
    this.chunks = [];
    this.chunksLen = 0;
    this.need = 0;
  }

  private keepRest(): void {
    const rest = this.buf.subarray(this.pos);
    this.chunks = rest.length ? [rest] : [];
    this.chunksLen = rest.length;
    this.need = Math.max(this.needHint - this.pos, rest.length + 1);
  }

  /** Index of the CR ending the line that starts at `from`, or -1 when the line is not complete yet. */
  private lineEnd(from: number): number {
    const end = this.buf.indexOf(13, from);
    return end < 0 || end + 1 >= this.buf.length ? INCOMPLETE : end;
  }

  private int(from: number, end: number): number {
    const b = this.buf;
    let i = from;
    const sign = b[i] === 45 ? -1 : 1;
    if (sign < 0) i++;
    let n = 0;
    for (; i < end; i++) n = n * 10 + (b[i] - 48);
    return sign * n;
  }

  /** Returns the offset just past the reply starting at `at`, without materialising it. */
  private skip(at: number): number {
    const end = this.lineEnd(at + 1);
    if (end === INCOMPLETE) return INCOMPLETE;
    const type = this.buf[at];
    if (type === 36) {
      const len = this.int(at + 1, end);
      if (len < 0) return end + 2;
      const next = end + 2 + len + 2;
      if (next > this.buf.length) {
        this.needHint = next;
        return INCOMPLETE;
      }
      return next;
    }
    if (type === 42) {
      const len = this.int(at + 1, end);
      let p = end + 2;
      for (let i = 0; i < len; i++) {
        if (p >= this.buf.length) return INCOMPLETE;
        p = this.skip(p);
        if (p === INCOMPLETE) return INCOMPLETE;
      }
      return p;
    }
    return end + 2;
  }

  /** Parses the reply at `pos`; undefined when the buffer ends inside it. */
  private parse(): RespReply | undefined {
    if (this.pos >= this.buf.length) return undefined;
    const at = this.pos;
    const end = this.lineEnd(at + 1);
    if (end === INCOMPLETE) return undefined;
    const type = this.buf[at];
    this.pos = end + 2;
    switch (type) {
      case 36: { // $ bulk string
        const len = this.int(at + 1, end);
        if (len < 0) return null;
        const from = end + 2;
        if (from + len + 2 > this.buf.length) {
          this.needHint = from + len + 2;
          return undefined;
        }
        this.pos = from + len + 2;
        return this.buf.subarray(from, from + len);
      }
      case 58: // : integer
        return this.int(at + 1, end);
      case 43: // + simple string
        return this.buf.subarray(at + 1, end);
      case 45: // - error
        return new RespError(this.buf.toString("utf8", at + 1, end));
      case 42: { // * array
        const len = this.int(at + 1, end);
        if (len < 0) return null;
        const items: RespReply[] = new Array(len);
        for (let i = 0; i < len; i++) {
          const item = this.parse();
          if (item === undefined) return undefined;
          items[i] = item;
        }
        return items;
      }
      default:
        throw new RespError(`unexpected RESP type byte ${type}`);
    }
  }
}

/** Parses a complete raw region (from a raw batch) into replies, for the rare batch that differs. */
export function parseRegion(region: Buffer): RespReply[] {
  const out: RespReply[] = [];
  const reader = new RespReader({ rawWanted: () => 0, reply: (r) => out.push(r), rawPiece: () => {} });
  if (region.length) reader.push(region);
  return out;
}
