/** RESP command encoding into one buffer per batch, so a batch costs one socket write. */
export type CommandArg = string | Buffer | number;

function argBuffer(arg: CommandArg): Buffer {
  return Buffer.isBuffer(arg) ? arg : Buffer.from(String(arg), "utf8");
}

export function encodeCommands(commands: CommandArg[][]): Buffer {
  const parts: Buffer[] = [];
  for (const cmd of commands) {
    parts.push(Buffer.from(`*${cmd.length}\r\n`));
    for (const arg of cmd) {
      const b = argBuffer(arg);
      parts.push(Buffer.from(`$${b.length}\r\n`), b, CRLF);
    }
  }
  return Buffer.concat(parts);
}

const CRLF = Buffer.from("\r\n");

/**
 * The per-key hot path: the same command (e.g. ["MEMORY", "USAGE"]) for every key, written
 * straight into one preallocated buffer. The same bytes go to both ends.
 */
export function encodePerKey(verb: readonly string[], keys: readonly Buffer[]): Buffer {
  const head = Buffer.from(`*${verb.length + 1}\r\n${verb.map((v) => `$${v.length}\r\n${v}\r\n`).join("")}`);
  let size = 0;
  for (const k of keys) size += head.length + digits(k.length) + 5 + k.length;
  const out = Buffer.allocUnsafe(size);
  let o = 0;
  for (const k of keys) {
    {
      o += head.copy(out, o);
      out[o++] = 36; // $
      o = writeDigits(out, o, k.length);
      out[o++] = 13;
      out[o++] = 10;
      o += k.copy(out, o);
      out[o++] = 13;
      out[o++] = 10;
    }
  }
  return out;
}

/** The decimal digits of n at out[o]; returns the offset after them (no string per key on the hot path). */
export function writeDigits(out: Buffer, o: number, n: number): number {
  const end = o + digits(n);
  for (let p = end - 1; p >= o; p--, n = Math.floor(n / 10)) out[p] = 48 + (n % 10);
  return end;
}

export function digits(n: number): number {
  return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : String(n).length;
}
