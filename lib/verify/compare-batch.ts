import "server-only";
import { compareKeyByType, type TypeLevelOutcome } from "./compare-by-type";
import { compareSmallKeys, typeOfDump } from "./compare-small-values";
import type { ChunkLimits } from "./compare-collections";
import { parseRegion, type RespReply } from "./resp-parser";
import { runLimited } from "./run-limited";
import type { CompareMode, MismatchStatus } from "./types";
import { isError, PerKeyBatch, type VerifyLink } from "./verify-link";

export type BatchContext = {
  src: VerifyLink;
  tgt: VerifyLink;
  mode: CompareMode;
  ttlToleranceMs: number;
  bigKeyBytes: number;
  limits: ChunkLimits;
  /** Turned off for the rest of the run if the server refuses MEMORY USAGE. */
  memoryProbe: boolean;
};

/** Only keys that are not OK come back; `index` points into the batch's keys. */
export type KeyOutcome = { index: number; status: MismatchStatus; detail: string };

const DEEP_CONCURRENCY = 8;
/** A differing key below this (MEMORY USAGE, both ends) is read whole in a batch; above, in chunks. */
const SMALL_KEY_BYTES = 64 * 1024;
const LENGTH_CMD: Record<string, [string, string]> = {
  string: ["STRLEN", "bytes"], hash: ["HLEN", "fields"], list: ["LLEN", "elements"],
  set: ["SCARD", "members"], zset: ["ZCARD", "members"], stream: ["XLEN", "entries"],
};

export function ttlDetail(sourcePttl: number, targetPttl: number, toleranceMs: number): string | null {
  if (sourcePttl === targetPttl) return null;
  if (sourcePttl >= 0 && targetPttl >= 0 && Math.abs(sourcePttl - targetPttl) <= toleranceMs) return null;
  const fmt = (ms: number) => (ms < 0 ? "none" : `${Math.round(ms / 100) / 10}s`);
  return `ttl source ${fmt(sourcePttl)} target ${fmt(targetPttl)}`;
}

const text = (r: RespReply) => (Buffer.isBuffer(r) ? r.toString("latin1") : String(r));

/**
 * Compares one batch of source keys (the db is already selected on both links). Full mode:
 * PTTL + MEMORY USAGE on both ends, then DUMP for the keys small enough; one memcmp settles a
 * whole batch in the common case, and a difference falls back to a type-level comparison.
 */
export async function compareKeyBatch(ctx: BatchContext, keys: Buffer[]): Promise<KeyOutcome[]> {
  const n = keys.length;
  const probeVerb = ctx.mode === "full" ? ["MEMORY", "USAGE"] : ["TYPE"];
  const useProbe = ctx.mode !== "full" || ctx.memoryProbe;
  const probe = new PerKeyBatch(useProbe ? [probeVerb, ["PTTL"]] : [["PTTL"]], keys);
  const [sr, tr] = await Promise.all([ctx.src.perKey(probe), ctx.tgt.perKey(probe)]);
  if (ctx.mode === "full" && useProbe && (isError(sr[0]) || isError(tr[0]))) ctx.memoryProbe = false; // disabled on this server
  const ttlAt = useProbe ? n : 0;
  const out: KeyOutcome[] = [];
  const ttlIssue = new Map<number, string>();
  const candidates: number[] = [];
  const deep: number[] = [];
  for (let i = 0; i < n; i++) {
    const sp = sr[ttlAt + i] as number;
    const tp = tr[ttlAt + i] as number;
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
    if (ctx.mode !== "full") {
      const [st, tt] = [text(sr[i]), text(tr[i])];
      if (st !== tt) out.push({ index: i, status: "TYPE", detail: `type ${st} in source, ${tt} in target` });
      else candidates.push(i);
    } else if (ctx.memoryProbe && ((sr[i] as number) > ctx.bigKeyBytes || (tr[i] as number) > ctx.bigKeyBytes)) {
      deep.push(i);
    } else {
      candidates.push(i);
    }
  }
  const valueIssue = new Map<number, KeyOutcome>();
  if (ctx.mode === "length") await compareLengths(ctx, keys, sr, candidates, valueIssue);
  const dumpTypes = new Map<number, [string, string] | null>();
  if (ctx.mode === "full") deep.push(...(await compareDumps(ctx, keys, candidates, valueIssue, dumpTypes)));
  const deepResults = await compareByType(ctx, keys, deep, sr, tr, dumpTypes);
  deep.forEach((i, j) => {
    const r = deepResults[j];
    if (r.status === "GONE") ttlIssue.delete(i);
    else if (r.status !== "OK") valueIssue.set(i, { index: i, status: r.status, detail: r.detail });
  });
  for (const i of new Set([...candidates, ...deep])) {
    const v = valueIssue.get(i);
    const ttl = ttlIssue.get(i);
    if (v) out.push(v);
    else if (ttl) out.push({ index: i, status: "TTL", detail: ttl });
  }
  return out;
}

/** Small keys in one batched pass; big ones, streams and module types through the chunked path. */
async function compareByType(
  ctx: BatchContext,
  keys: Buffer[],
  idx: number[],
  sizesS: RespReply[],
  sizesT: RespReply[],
  dumpTypes: Map<number, [string, string] | null>,
): Promise<TypeLevelOutcome[]> {
  const out: TypeLevelOutcome[] = new Array(idx.length);
  const isSmall = (i: number) => !ctx.memoryProbe || ((sizesS[i] as number) <= SMALL_KEY_BYTES && (sizesT[i] as number) <= SMALL_KEY_BYTES);
  const small = idx.map((i, j) => [i, j]).filter(([i]) => isSmall(i));
  const smallResults = small.length ? await compareSmallKeys(ctx.src, ctx.tgt, small.map(([i]) => keys[i]), small.map(([i]) => dumpTypes.get(i) ?? null)) : [];
  small.forEach(([, j], n) => (out[j] = smallResults[n]!));
  const rest = idx.map((i, j) => [i, j]).filter(([, j]) => !out[j]);
  const chunked = await runLimited(rest, DEEP_CONCURRENCY, ([i]) => compareKeyByType(ctx.src, ctx.tgt, keys[i], ctx.limits));
  rest.forEach(([, j], n) => (out[j] = chunked[n]));
  return out;
}

/** Returns the indexes whose payloads differ and need the type-level comparison. */
async function compareDumps(
  ctx: BatchContext,
  keys: Buffer[],
  idx: number[],
  issues: Map<number, KeyOutcome>,
  types: Map<number, [string, string] | null>,
): Promise<number[]> {
  if (idx.length === 0) return [];
  const batch = new PerKeyBatch([["DUMP"]], idx.map((i) => keys[i]));
  const [sd, td] = await Promise.all([ctx.src.perKeyRaw(batch), ctx.tgt.perKeyRaw(batch)]);
  if (Buffer.isBuffer(sd) && Buffer.isBuffer(td) && sd.equals(td)) return [];
  const s = Buffer.isBuffer(sd) ? parseRegion(sd) : sd;
  const t = Buffer.isBuffer(td) ? parseRegion(td) : td;
  const differ: number[] = [];
  idx.forEach((i, j) => {
    const a = s[j];
    const b = t[j];
    if (Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b)) return;
    if (a === null && b !== null) issues.set(i, { index: i, status: "EXTRA", detail: "deleted on source, still in target" });
    else if (a !== null && b === null) issues.set(i, { index: i, status: "MISSING", detail: "missing in target" });
    else if (a !== null) {
      differ.push(i); // includes DUMP errors (e.g. refused): the type-level path decides
      const ta = Buffer.isBuffer(a) ? typeOfDump(a) : null;
      const tb = Buffer.isBuffer(b) ? typeOfDump(b) : null;
      types.set(i, ta && tb ? [ta, tb] : null);
    }
  });
  return differ;
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
