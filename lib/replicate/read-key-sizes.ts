import "server-only";
import type { CopyContext } from "./copy-context";

const LENGTH_CMD: Record<string, string> = { string: "strlen", hash: "hlen", list: "llen", set: "scard", zset: "zcard", stream: "xlen" };
/** Bytes assumed per element when only a length is known (no MEMORY USAGE on the source). */
export const ASSUMED_ELEMENT_BYTES = 64;

export type KeySize = { type: string; bytes: number };

/**
 * TYPE and size of each key: MEMORY USAGE when the source allows it, otherwise STRLEN (exact for
 * strings) or HLEN/LLEN/SCARD/ZCARD/XLEN x ASSUMED_ELEMENT_BYTES. Sizes decide which keys are
 * DUMPed whole and which are copied in chunks.
 */
export async function readKeySizes(ctx: CopyContext, keys: Buffer[]): Promise<KeySize[]> {
  const p = ctx.src.pipeline();
  for (const key of keys) {
    p.type(key);
    if (ctx.probe.memory) p.call("MEMORY", "USAGE", key);
  }
  const replies = (await p.exec()) ?? [];
  const step = ctx.probe.memory ? 2 : 1;
  if (ctx.probe.memory && replies[1]?.[0]) {
    ctx.probe.memory = false; // refused (renamed, ACL): fall back to lengths for the rest of the run
    return readKeySizes(ctx, keys);
  }
  const out: KeySize[] = keys.map((_, i) => {
    const [err, type] = replies[i * step] ?? [new Error("no reply"), null];
    if (err) throw err;
    return { type: String(type), bytes: ctx.probe.memory ? Number(replies[i * step + 1]?.[1] ?? 0) : 0 };
  });
  if (ctx.probe.memory) return out;
  const lengths = ctx.src.pipeline();
  const asked: number[] = [];
  out.forEach((s, i) => {
    const cmd = LENGTH_CMD[s.type];
    if (cmd) {
      lengths.call(cmd, keys[i]);
      asked.push(i);
    }
  });
  if (asked.length === 0) return out;
  const lr = (await lengths.exec()) ?? [];
  asked.forEach((i, j) => {
    const n = Number(lr[j]?.[1] ?? 0);
    out[i].bytes = out[i].type === "string" ? n : n * ASSUMED_ELEMENT_BYTES;
  });
  return out;
}
