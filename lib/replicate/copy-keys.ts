import "server-only";
import { addResult, emptyResult, isRestoreRefusal, type CopyContext, type CopyResult } from "./copy-context";
import { copyKeyByType } from "./copy-by-type";
import { RestoreBatch, type KeyWrite } from "./encode-restores";
import { readKeySizes } from "./read-key-sizes";
import { isError, parseRegion, PerKeyBatch } from "./verify-bridge";

/** Type-level copies of one batch running at once (each holds at most one chunk). */
const TYPE_LEVEL_CONCURRENCY = 4;

type Chunked = { key: Buffer; type: string };

/**
 * Copies a batch of keys of one db from source to target: DUMP + PTTL -> RESTORE ... REPLACE for
 * keys up to bigKeyBytes, a chunked type-level copy for bigger ones (and for all keys once
 * RESTORE is refused). A key the source no longer has is deleted on the target. A key named by an
 * event after its read started is skipped (ctx.isStale): its live apply re-reads it.
 */
export async function copyKeys(ctx: CopyContext, keys: Buffer[]): Promise<CopyResult> {
  const result = emptyResult();
  if (keys.length === 0) return result;
  const sizes = await readKeySizes(ctx, keys);
  const gone: Buffer[] = [];
  const whole: { key: Buffer; bytes: number }[] = [];
  const chunked: Chunked[] = [];
  keys.forEach((key, i) => {
    const { type, bytes } = sizes[i];
    if (type === "none") gone.push(key);
    else if (bytes > ctx.bigKeyBytes || ctx.mode() === "type-level") chunked.push({ key, type });
    else whole.push({ key, bytes });
  });
  if (gone.length) addResult(result, await deleteKeys(ctx, gone));
  // Sub-batches so that what one DUMP round holds stays within the byte budget.
  const share = Math.max(1, Math.floor(ctx.budget.max / 2));
  for (let i = 0; i < whole.length; ) {
    let bytes = 0;
    let j = i;
    while (j < whole.length && (j === i || bytes + whole[j].bytes <= share)) bytes += whole[j++].bytes;
    chunked.push(...(await restoreKeys(ctx, whole.slice(i, j).map((w) => w.key), bytes, result)));
    i = j;
  }
  for (let i = 0; i < chunked.length; i += TYPE_LEVEL_CONCURRENCY) {
    const part = chunked.slice(i, i + TYPE_LEVEL_CONCURRENCY);
    for (const r of await Promise.all(part.map((c) => copyKeyByType(ctx, c.key, c.type)))) addResult(result, r);
  }
  return result;
}

async function deleteKeys(ctx: CopyContext, keys: Buffer[]): Promise<CopyResult> {
  const live = keys.filter((k) => !ctx.isStale(k));
  if (live.length) await ctx.tgt.send([["DEL", ...live]]);
  return { copied: 0, deleted: live.length, skipped: keys.length - live.length, bytes: 0 };
}

/** DUMP + PTTL then RESTORE; returns the keys whose RESTORE was refused (to copy type-level). */
async function restoreKeys(ctx: CopyContext, keys: Buffer[], estimate: number, result: CopyResult): Promise<Chunked[]> {
  let held = await ctx.budget.acquire(estimate);
  try {
    const replies = await ctx.lean.run((l) => l.perKey(new PerKeyBatch(ctx.readTtls ? [["DUMP"], ["PTTL"]] : [["DUMP"]], keys)));
    const n = keys.length;
    const actual = keys.reduce((sum, _, i) => sum + (Buffer.isBuffer(replies[i]) ? (replies[i] as Buffer).length : 0), 0);
    ctx.budget.release(held);
    held = await ctx.budget.acquire(actual);
    const writes = keys.map((key, i): KeyWrite => {
      const [payload, pttl] = [replies[i], ctx.readTtls ? replies[n + i] : 0];
      if (isError(payload)) throw payload;
      if (isError(pttl)) throw pttl;
      const ttl = Number(pttl);
      return { key, ttl: ttl > 0 ? ttl : 0, payload: ttl === -2 ? null : (payload as Buffer | null) };
    });
    return await writeWhole(ctx, writes, result);
  } finally {
    ctx.budget.release(held);
  }
}

/** RESTOREs (DELs for gone keys) in one write; returns the keys whose RESTORE was refused (to copy type-level). */
async function writeWhole(ctx: CopyContext, writes: KeyWrite[], result: CopyResult): Promise<Chunked[]> {
  // From the stale check to the write nothing awaits: the check and the queued writes are one step.
  const sent = writes.filter((w) => !ctx.isStale(w.key));
  result.skipped += writes.length - sent.length;
  if (sent.length === 0) return [];
  const raw = await ctx.tgt.run((l) => l.perKeyRaw(new RestoreBatch(sent)));
  // The common answer is one +OK per RESTORE: one memcmp instead of a parsed reply per key.
  const written = Buffer.isBuffer(raw) ? (isOkRun(raw, sent.length) ? null : parseRegion(raw)) : raw;
  const refused: Chunked[] = [];
  sent.forEach(({ key, payload }, i) => {
    const err = written ? written[i] : null;
    if (isError(err)) {
      if (payload && isRestoreRefusal(err.message) && ctx.restoreRefused(err.message)) refused.push({ key, type: "" });
      else throw err;
    } else if (payload) {
      result.copied++;
      result.bytes += payload.length;
    } else {
      result.deleted++;
    }
  });
  return refused;
}

let okRun = Buffer.alloc(0);
/** True when `raw` is exactly n "+OK" replies. */
function isOkRun(raw: Buffer, n: number): boolean {
  if (raw.length !== 5 * n) return false;
  if (okRun.length < raw.length) okRun = Buffer.from("+OK\r\n".repeat(Math.max(n, 2 * okRun.length / 5)));
  return raw.equals(okRun.subarray(0, raw.length));
}
