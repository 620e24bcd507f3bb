import "server-only";
import type { RespReply } from "./resp-parser";
import type { VerifyLink } from "./verify-link";

/** Length commands by type, and what they count. Also used by the "length" comparison mode. */
export const LENGTH_CMD: Record<string, [string, string]> = {
  string: ["STRLEN", "bytes"], hash: ["HLEN", "fields"], list: ["LLEN", "elements"],
  set: ["SCARD", "members"], zset: ["ZCARD", "members"], stream: ["XLEN", "entries"],
};

/**
 * Element sizes are unknowable without MEMORY USAGE; this guess turns a count into bytes. A
 * collection of N elements counts as N * 64 bytes, so 16,384 elements reach the 1 MiB big-key line.
 */
export const ASSUMED_ELEMENT_BYTES = 64;

const text = (r: RespReply) => (Buffer.isBuffer(r) ? r.toString("latin1") : String(r));

/**
 * Source sizes where MEMORY USAGE is refused (an ACL; ElastiCache Serverless blocks MEMORY *):
 * STRLEN for strings (exact bytes), HLEN/LLEN/SCARD/ZCARD/XLEN times ASSUMED_ELEMENT_BYTES for
 * collections. One pipelined round trip; a key gone meanwhile or of a module type counts 0.
 */
export async function sizesByLength(src: VerifyLink, keys: Buffer[], types: RespReply[]): Promise<number[]> {
  const asked = keys.map((_, i) => i).filter((i) => LENGTH_CMD[text(types[i])]);
  const replies = await src.send(asked.map((i) => [LENGTH_CMD[text(types[i])][0], keys[i]]));
  const sizes = new Array<number>(keys.length).fill(0);
  asked.forEach((i, j) => {
    const n = typeof replies[j] === "number" ? (replies[j] as number) : 0;
    sizes[i] = text(types[i]) === "string" ? n : n * ASSUMED_ELEMENT_BYTES;
  });
  return sizes;
}
