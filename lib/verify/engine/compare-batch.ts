import "server-only";
import type { BatchContext, KeyOutcome } from "./batch-context";
import { compareDeep } from "./compare-deep";
import type { RespReply } from "./resp-parser";
import { compareDumps, type PreRead } from "./compare-dumps";
import { probeViaScript, type ScriptRead } from "./script-probe";
import { LENGTH_CMD, sizesByLength } from "./size-by-length";
import { isError, PerKeyBatch } from "./verify-link";

export function ttlDetail(sourcePttl: number, targetPttl: number, toleranceMs: number): string | null {
  if (sourcePttl === targetPttl) return null;
  if (sourcePttl >= 0 && targetPttl >= 0 && Math.abs(sourcePttl - targetPttl) <= toleranceMs) return null;
  const fmt = (ms: number) => (ms < 0 ? "none" : `${Math.round(ms / 100) / 10}s`);
  return `ttl source ${fmt(sourcePttl)} target ${fmt(targetPttl)}`;
}

const text = (r: RespReply) => (Buffer.isBuffer(r) ? r.toString("latin1") : String(r));

/**
 * Compares one batch of source keys (the db is already selected on both links). Full mode:
 * MEMORY USAGE + PTTL on the source and PTTL on the target, then DUMP on both ends for the keys
 * small enough on the source; one memcmp settles a whole batch in the common case, and a
 * difference falls back to a type-level comparison.
 *
 * Only the source is probed for size up front (5 server commands per key instead of 6). The
 * source's size decides "big" because the source is the end that must never be read whole. The
 * target is DUMPed whenever the source's copy is small; a target payload bigger than bigKeyBytes
 * sends the key to the chunked comparison, and the few keys whose payloads differ get a target
 * MEMORY USAGE before any whole-value read (DUMP payloads are compressed, so their length
 * understates a value). The trade-off: a key small on the source but big on the target is
 * DUMPed whole once on the target (its compressed payload), and only when the target's value
 * differs from a small source value (a real mismatch, or a write in flight). The target is not
 * the production end; that one reply per such key is the only read not bounded by bigKeyBytes.
 *
 * Where both servers run it (Redis 7+), the read script (script-probe.ts) replaces the probe and
 * the DUMPs: one EVALSHA_RO per SCRIPT_KEYS keys per end, each end's own size deciding "big".
 */
export async function compareKeyBatch(ctx: BatchContext, keys: Buffer[]): Promise<KeyOutcome[]> {
  if (ctx.mode !== "full" || !ctx.scriptRead) return compareProbed(ctx, keys, null);
  const [s, t] = await Promise.all([probeViaScript(ctx, ctx.src, keys), probeViaScript(ctx, ctx.tgt, keys)]);
  if (!s || !t) ctx.scriptRead = false;
  // The script's payloads (at most scriptPayloadCap per call) are held until the batch is settled.
  const held = (s?.bytes ?? 0) + (t?.bytes ?? 0);
  ctx.budget.hold(held);
  try {
    return await compareProbed(ctx, keys, s && t ? { s, t } : null);
  } finally {
    ctx.budget.unhold(held);
  }
}

/** Pipelined probe (or the script's answers), then the classification described above. */
async function compareProbed(ctx: BatchContext, keys: Buffer[], scripted: { s: ScriptRead; t: ScriptRead } | null): Promise<KeyOutcome[]> {
  const n = keys.length;
  const full = ctx.mode === "full";
  const withMemory = full && ctx.memoryProbe;
  let sr: RespReply[];
  let tr: RespReply[];
  let sizes: number[] | null = null;
  if (scripted) {
    [sr, tr, sizes] = [scripted.s.pttl, scripted.t.pttl, scripted.s.size];
  } else {
    const srcProbe = new PerKeyBatch(withMemory ? [["MEMORY", "USAGE"], ["PTTL"]] : [["TYPE"], ["PTTL"]], keys);
    const tgtProbe = full ? new PerKeyBatch([["PTTL"]], keys) : srcProbe;
    [sr, tr] = await Promise.all([ctx.src.perKey(srcProbe), ctx.tgt.perKey(tgtProbe)]);
    if (full) sizes = await sourceSizes(ctx, keys, sr, withMemory);
  }
  const sTtlAt = scripted ? 0 : n;
  const tTtlAt = full ? 0 : n;
  /** Target DUMP payload sizes of the keys whose payloads differ (Infinity: big, compare in chunks). */
  const targetBytes = new Map<number, number>();
  const out: KeyOutcome[] = [];
  const ttlIssue = new Map<number, string>();
  const candidates: number[] = [];
  const deep: number[] = [];
  for (let i = 0; i < n; i++) {
    const sp = sr[sTtlAt + i] as number;
    const tp = tr[tTtlAt + i] as number;
    if (sp === -2) {
      if (tp !== -2) out.push({ index: i, status: "EXTRA", detail: "deleted on source, still in target" });
      continue;
    }
    if (tp === -2) {
      out.push({ index: i, status: "MISSING", detail: "missing in target" });
      continue;
    }
    const ttl = ttlDetail(sp, tp, ctx.ttlToleranceMs);
    if (ttl) ttlIssue.set(i, ttl);
    if (!full) {
      const [st, tt] = [text(sr[i]), text(tr[i])];
      if (st !== tt) out.push({ index: i, status: "TYPE", detail: `type ${st} in source, ${tt} in target` });
      else candidates.push(i);
    } else if (sizes![i] > ctx.bigKeyBytes) {
      deep.push(i);
    } else if (scripted && scripted.t.size[i] > ctx.bigKeyBytes) {
      targetBytes.set(i, Infinity); // big on the target only: never read whole there either
      deep.push(i);
    } else {
      candidates.push(i);
    }
  }
  const valueIssue = new Map<number, KeyOutcome>();
  if (ctx.mode === "length") await compareLengths(ctx, keys, sr, candidates, valueIssue);
  const dumpTypes = new Map<number, [string, string] | null>();
  const pre: PreRead | null = scripted;
  if (full) deep.push(...(await compareDumps(ctx, keys, candidates, sizes!, valueIssue, dumpTypes, targetBytes, pre)));
  const deepResults = await compareDeep(ctx, keys, deep, sizes, targetBytes, dumpTypes);
  deep.forEach((i, j) => {
    const r = deepResults[j];
    if (r.status === "GONE") ttlIssue.delete(i);
    else if (r.status !== "OK") valueIssue.set(i, { index: i, status: r.status, detail: r.detail });
  });
  if (valueIssue.size === 0 && ttlIssue.size === 0) return out; // the common batch: no per-key walk
  for (const i of new Set([...candidates, ...deep])) {
    const v = valueIssue.get(i);
    const ttl = ttlIssue.get(i);
    if (v) out.push(v);
    else if (ttl) out.push({ index: i, status: "TTL", detail: ttl });
  }
  return out;
}

async function compareLengths(ctx: BatchContext, keys: Buffer[], types: RespReply[], idx: number[], issues: Map<number, KeyOutcome>) {
  const known = idx.filter((i) => LENGTH_CMD[text(types[i])]);
  const cmds = known.map((i) => [LENGTH_CMD[text(types[i])][0], keys[i]]);
  const [s, t] = await Promise.all([ctx.src.send(cmds), ctx.tgt.send(cmds)]);
  known.forEach((i, j) => {
    if (s[j] === t[j]) return;
    const type = text(types[i]);
    issues.set(i, { index: i, status: "VALUE", detail: `${type} has ${text(s[j])} ${LENGTH_CMD[type][1]} in source, ${text(t[j])} in target` });
  });
}

/** Source sizes: MEMORY USAGE where allowed; refused (once, then for the rest of the run), by length. */
async function sourceSizes(ctx: BatchContext, keys: Buffer[], probe: RespReply[], withMemory: boolean): Promise<number[]> {
  if (withMemory && !isError(probe[0])) return keys.map((_, i) => (typeof probe[i] === "number" ? (probe[i] as number) : 0));
  let types = probe;
  if (withMemory) {
    ctx.memoryProbe = false;
    types = await ctx.src.perKey(new PerKeyBatch([["TYPE"]], keys));
  }
  return sizesByLength(ctx.src, keys, types);
}
