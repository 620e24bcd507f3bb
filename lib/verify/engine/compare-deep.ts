import "server-only";
import type { BatchContext } from "./batch-context";
import { inBudget } from "./byte-budget";
import { compareKeyByType } from "./compare-by-type";
import { compareSmallKeys } from "./compare-small-values";
import type { TypeLevelOutcome } from "./key-status";
import { runLimited } from "../../run-limited";
import { PerKeyBatch } from "./verify-link";

const DEEP_CONCURRENCY = 8;
/** A differing key below this (MEMORY USAGE, both ends) is read whole in a batch; above, in chunks. */
const SMALL_KEY_BYTES = 64 * 1024;

/**
 * Small keys in one batched pass; big ones, streams and module types through the chunked path.
 * Small means the size on both ends (MEMORY USAGE or the length estimate, and the target's DUMP
 * payload) within SMALL_KEY_BYTES.
 */
export async function compareDeep(
  ctx: BatchContext,
  keys: Buffer[],
  idx: number[],
  sizesS: number[] | null,
  targetBytes: Map<number, number>,
  dumpTypes: Map<number, [string, string] | null>,
): Promise<TypeLevelOutcome[]> {
  const out: TypeLevelOutcome[] = new Array(idx.length);
  if (sizesS) {
    // A DUMP payload is compressed (LZF), so its length understates the value: ask the target's
    // MEMORY USAGE, only for the few keys that differ and are not already known to be big.
    const ask = idx.filter((i) => sizesS[i] <= SMALL_KEY_BYTES && (targetBytes.get(i) ?? 0) <= SMALL_KEY_BYTES);
    const sizes = ask.length ? await ctx.tgt.perKey(new PerKeyBatch([["MEMORY", "USAGE"]], ask.map((i) => keys[i]))) : [];
    ask.forEach((i, j) => {
      const size = sizes[j];
      if (typeof size === "number") targetBytes.set(i, Math.max(size, targetBytes.get(i) ?? 0));
    });
  }
  const isSmall = (i: number) => (!sizesS || sizesS[i] <= SMALL_KEY_BYTES) && (targetBytes.get(i) ?? 0) <= SMALL_KEY_BYTES;
  const small = idx.map((i, j) => [i, j]).filter(([i]) => isSmall(i));
  const estimate = ([i]: number[]) => 2 * Math.max(sizesS?.[i] ?? SMALL_KEY_BYTES, targetBytes.get(i) ?? 0, 64);
  await inBudget(ctx.budget, small, estimate, async (slice) => {
    const results = await compareSmallKeys(ctx.src, ctx.tgt, slice.map(([i]) => keys[i]), slice.map(([i]) => dumpTypes.get(i) ?? null));
    slice.forEach(([, j], n) => (out[j] = results[n]!));
    return 0;
  });
  const rest = idx.map((i, j) => [i, j]).filter(([, j]) => !out[j]);
  const chunked = await runLimited(rest, DEEP_CONCURRENCY, ([i]) => compareKeyByType(ctx.src, ctx.tgt, keys[i], ctx.limits));
  rest.forEach(([, j], n) => (out[j] = chunked[n]));
  return out;
}
