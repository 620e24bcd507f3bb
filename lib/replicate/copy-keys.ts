import "server-only";
import { addResult, emptyResult, isRestoreRefusal, type CopyContext, type CopyResult } from "./copy-context";
import { copyKeyByType } from "./copy-by-type";
import { readKeySizes } from "./read-key-sizes";

/** Type-level copies of one batch running at once (each holds at most one chunk). */
const TYPE_LEVEL_CONCURRENCY = 4;

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
  const chunked: { key: Buffer; type: string }[] = [];
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
    const refused = await restoreKeys(ctx, whole.slice(i, j).map((w) => w.key), bytes, result);
    chunked.push(...refused);
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
  if (live.length) await ctx.tgt.del(...live);
  return { copied: 0, deleted: live.length, skipped: keys.length - live.length, bytes: 0 };
}

/** DUMP + PTTL then RESTORE; returns the keys whose RESTORE was refused (to copy type-level). */
async function restoreKeys(ctx: CopyContext, keys: Buffer[], estimate: number, result: CopyResult): Promise<{ key: Buffer; type: string }[]> {
  let held = await ctx.budget.acquire(estimate);
  try {
    const read = ctx.src.pipeline();
    for (const key of keys) read.dumpBuffer(key).pttl(key);
    const replies = (await read.exec()) ?? [];
    const actual = keys.reduce((n, _, i) => n + ((replies[2 * i]?.[1] as Buffer | null)?.length ?? 0), 0);
    ctx.budget.release(held);
    held = await ctx.budget.acquire(actual);
    // From the stale check to exec() nothing awaits: the check and the queued writes are one step.
    const write = ctx.tgt.pipeline();
    const sent: { key: Buffer; payload: Buffer | null }[] = [];
    keys.forEach((key, i) => {
      const [dumpErr, payload] = replies[2 * i] ?? [new Error("no reply"), null];
      const [ttlErr, pttl] = replies[2 * i + 1] ?? [new Error("no reply"), -2];
      if (dumpErr || ttlErr) throw dumpErr ?? ttlErr;
      if (ctx.isStale(key)) {
        result.skipped++;
        return;
      }
      const p = payload as Buffer | null;
      const ttl = Number(pttl);
      if (!p || ttl === -2) write.del(key);
      else write.restore(key, ttl > 0 ? ttl : 0, p, "REPLACE");
      sent.push({ key, payload: p && ttl !== -2 ? p : null });
    });
    const written = (await write.exec()) ?? [];
    const refused: { key: Buffer; type: string }[] = [];
    sent.forEach(({ key, payload }, i) => {
      const err = written[i]?.[0];
      if (err) {
        if (payload && isRestoreRefusal(err.message) && ctx.restoreRefused(err.message)) refused.push({ key, type: "" });
        else throw err;
      } else if (payload) {
        result.copied++;
        result.bytes += payload.length;
      } else {
        result.deleted++;
      }
    });
    if (refused.length === 0) return refused;
    const types = await readKeySizes(ctx, refused.map((r) => r.key));
    return refused.map((r, i) => ({ key: r.key, type: types[i].type }));
  } finally {
    ctx.budget.release(held);
  }
}
