import "server-only";
import { inBudget } from "./byte-budget";
import type { BatchContext, KeyOutcome } from "./batch-context";
import { typeOfDump } from "./compare-small-values";
import { sameUnorderedPayload } from "./rdb-payload";
import { diffRawRegions } from "./raw-region-diff";
import { parseRegion, type RespReply } from "./resp-parser";
import { identicalCalls, payloadOf, SCRIPT_KEYS, type ScriptRead } from "./script-probe";
import { PerKeyBatch } from "./verify-link";

/** Payloads already read with the probe (the read script), both ends. */
export type PreRead = { s: ScriptRead; t: ScriptRead };

/** Returns the indexes whose payloads differ and need the type-level comparison. */
export async function compareDumps(
  ctx: BatchContext,
  keys: Buffer[],
  idx: number[],
  sizes: number[],
  issues: Map<number, KeyOutcome>,
  types: Map<number, [string, string] | null>,
  targetBytes: Map<number, number>,
  pre: PreRead | null,
): Promise<number[]> {
  const differ: number[] = [];
  if (pre) {
    // Both payloads came with the script probe: a call whose blobs are identical settles all its
    // keys with that one memcmp; the rest are settled key by key, without another round trip.
    const identical = identicalCalls(pre.s, pre.t);
    const has = (i: number) => pre.s.len[i] >= 0 && pre.t.len[i] >= 0;
    const ready = idx.filter((i) => has(i) && !identical[Math.floor(i / SCRIPT_KEYS)]);
    if (ready.length) settleDumps(ctx, ready, ready.map((i) => payloadOf(pre.s, i)), ready.map((i) => payloadOf(pre.t, i)), issues, types, targetBytes, differ);
    idx = idx.filter((i) => !has(i));
  }
  // Both ends' payloads of a slice are held at once; the source's size stands for both.
  await inBudget(ctx.budget, idx, (i) => 2 * Math.max(sizes[i], 64), async (slice) => {
    const batch = new PerKeyBatch([["DUMP"]], slice.map((i) => keys[i]));
    const [sd, td] = await Promise.all([ctx.src.perKeyRaw(batch), ctx.tgt.perKeyRaw(batch)]);
    const received = replyBytes(sd) + replyBytes(td);
    if (Buffer.isBuffer(sd) && Buffer.isBuffer(td)) {
      if (sd.equals(td)) return received;
      const diff = diffRawRegions(sd, td, slice.length);
      settleDumps(ctx, diff.index.map((j) => slice[j]), diff.s, diff.t, issues, types, targetBytes, differ);
      return received;
    }
    settleDumps(ctx, slice, Buffer.isBuffer(sd) ? parseRegion(sd) : sd, Buffer.isBuffer(td) ? parseRegion(td) : td, issues, types, targetBytes, differ);
    return received;
  });
  return differ;
}

const replyBytes = (r: Buffer | RespReply[]) => (Buffer.isBuffer(r) ? r.length : r.reduce<number>((n, x) => n + (Buffer.isBuffer(x) ? x.length : 0), 0));

function settleDumps(
  ctx: BatchContext,
  idx: number[],
  s: RespReply[],
  t: RespReply[],
  issues: Map<number, KeyOutcome>,
  types: Map<number, [string, string] | null>,
  targetBytes: Map<number, number>,
  differ: number[],
): void {
  idx.forEach((i, j) => {
    const a = s[j];
    const b = t[j];
    if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) {
      if (a.equals(b)) return;
      // Hashtable sets and hashes DUMP in bucket order: equal members in another order are equal.
      if (b.length <= ctx.bigKeyBytes && sameUnorderedPayload(a, b)) return;
    }
    if (a === null && b !== null) issues.set(i, { index: i, status: "EXTRA", detail: "deleted on source, still in target" });
    else if (a !== null && b === null) issues.set(i, { index: i, status: "MISSING", detail: "missing in target" });
    else if (a !== null) {
      differ.push(i); // includes DUMP errors (e.g. refused): the type-level path decides
      // Big on the target only (see compareKeyBatch): never read whole again, compared in chunks.
      if (Buffer.isBuffer(b)) targetBytes.set(i, b.length > ctx.bigKeyBytes ? Infinity : b.length);
      const ta = Buffer.isBuffer(a) ? typeOfDump(a) : null;
      const tb = Buffer.isBuffer(b) ? typeOfDump(b) : null;
      types.set(i, ta && tb ? [ta, tb] : null);
    }
  });
}
