import "server-only";
import type { CopyContext } from "./copy-context";
import { isError, PerKeyBatch, type RespReply } from "./verify-bridge";

const LENGTH_CMD: Record<string, string> = { string: "STRLEN", hash: "HLEN", list: "LLEN", set: "SCARD", zset: "ZCARD", stream: "XLEN" };
/** Bytes assumed per element when only a length is known (no MEMORY USAGE on the source). */
export const ASSUMED_ELEMENT_BYTES = 64;

/** `type` is "none" for a key the source no longer has and "" when only MEMORY USAGE was read. */
export type KeySize = { type: string; bytes: number };

/**
 * Size of each key: MEMORY USAGE when the source allows it (one command per key; nil = gone),
 * otherwise TYPE then STRLEN (exact for strings) or HLEN/LLEN/SCARD/ZCARD/XLEN x
 * ASSUMED_ELEMENT_BYTES. Sizes decide which keys are DUMPed whole and which are copied in chunks.
 */
export async function readKeySizes(ctx: CopyContext, keys: Buffer[]): Promise<KeySize[]> {
  if (ctx.probe.memory) {
    const sizes = await ctx.lean.run((l) => l.perKey(new PerKeyBatch([["MEMORY", "USAGE"]], keys)));
    if (!sizes.some(isError)) return sizes.map((r) => (r === null ? { type: "none", bytes: 0 } : { type: "", bytes: Number(r) }));
    ctx.probe.memory = false; // refused (renamed, ACL): lengths for the rest of the run
  }
  const types = (await ctx.lean.run((l) => l.perKey(new PerKeyBatch([["TYPE"]], keys)))).map(text);
  const asked = types.flatMap((t, i) => (LENGTH_CMD[t] ? [i] : []));
  const lengths = asked.length ? await ctx.lean.run((l) => l.send(asked.map((i) => [LENGTH_CMD[types[i]], keys[i]]))) : [];
  const out: KeySize[] = types.map((type) => ({ type, bytes: 0 }));
  asked.forEach((i, j) => {
    const n = Number(isError(lengths[j]) ? 0 : lengths[j]);
    out[i].bytes = types[i] === "string" ? n : n * ASSUMED_ELEMENT_BYTES;
  });
  return out;
}

function text(r: RespReply): string {
  if (isError(r)) throw r;
  return Buffer.isBuffer(r) ? r.toString("latin1") : String(r);
}
