import "server-only";
import { VERIFY_READ_SCRIPT, VERIFY_READ_SCRIPT_SHA } from "@/lib/redis/verify-read-script";
import type { BatchContext } from "./batch-context";
import type { CommandArg } from "./resp-encode";
import { RespError } from "./resp-parser";
import { ASSUMED_ELEMENT_BYTES } from "./size-by-length";
import type { VerifyLink } from "./verify-link";

/**
 * Keys per script call. A call blocks the server while it runs: measured 152 us per 200 small
 * keys (PTTL + MEMORY USAGE + DUMP each) on Redis 7.0 on a busy 2-core machine, so 500 keys stay
 * well under a millisecond; the calls of a batch are pipelined and other clients interleave.
 */
export const SCRIPT_KEYS = 500;
/**
 * Payload bytes one call may return (a key that does not fit comes back without one and is
 * DUMPed apart, through the budget): every call in flight (both ends, pipelineDepth batches)
 * together holds at most half the byte budget, leaving the other half to those DUMPs.
 */
export function scriptPayloadCap(budgetBytes: number, pipelineDepth: number, batchSize: number): number {
  const calls = 2 * pipelineDepth * Math.ceil(batchSize / SCRIPT_KEYS);
  return Math.min(1024 * 1024, Math.floor(budgetBytes / 2 / calls));
}

/** One end's answers for a batch; payloads stay inside each call's blob until someone asks. */
export type ScriptRead = {
  pttl: number[];
  size: number[];
  /** Payload length per key, -1 where none came back (gone, big, or past the call's cap). */
  len: number[];
  /** Offset of each key's payload in its call's blob. */
  off: number[];
  /** One blob per call, covering keys [c * SCRIPT_KEYS, (c + 1) * SCRIPT_KEYS). */
  blobs: Buffer[];
  bytes: number;
};

export function payloadOf(r: ScriptRead, i: number): Buffer | null {
  return r.len[i] < 0 ? null : r.blobs[Math.floor(i / SCRIPT_KEYS)].subarray(r.off[i], r.off[i] + r.len[i]);
}

/** The calls whose payloads are byte-identical on both ends (same lengths, one memcmp). */
export function identicalCalls(s: ScriptRead, t: ScriptRead): boolean[] {
  return s.blobs.map((blob, c) => {
    if (!blob.equals(t.blobs[c])) return false;
    const end = Math.min(s.len.length, (c + 1) * SCRIPT_KEYS);
    for (let i = c * SCRIPT_KEYS; i < end; i++) if (s.len[i] !== t.len[i]) return false;
    return true;
  });
}

/**
 * One side's PTTL, size and small-key payloads for a batch through the read script: one server
 * command per SCRIPT_KEYS keys instead of three per key. null when the server cannot run it
 * (before 7.0, scripting disabled or denied): the caller switches to the pipelined commands.
 */
export async function probeViaScript(ctx: BatchContext, link: VerifyLink, keys: Buffer[]): Promise<ScriptRead | null> {
  // Batches run concurrently: the flag this batch asked with, not whatever another one set since.
  const withMemory = ctx.memoryProbe;
  let replies = await link.send(calls(ctx, keys, "EVALSHA_RO", withMemory));
  if (replies.some((r) => r instanceof RespError && r.message.startsWith("NOSCRIPT"))) {
    replies = await link.send(calls(ctx, keys, "EVAL_RO", withMemory)); // also caches it: later batches use the SHA
  }
  if (withMemory && replies.some((r) => r instanceof RespError)) {
    // Most likely MEMORY refused (an ACL, Serverless; the script error does not always say which
    // command): sizes from lengths from now on. If that fails too, the script is not usable here.
    ctx.memoryProbe = false;
    replies = await link.send(calls(ctx, keys, "EVALSHA_RO", false));
  }
  if (replies.some((r) => r instanceof RespError)) return null;
  const out: ScriptRead = { pttl: [], size: [], len: [], off: [], blobs: [], bytes: 0 };
  for (const r of replies) {
    const [meta, blob] = r as [number[], Buffer];
    let off = 0;
    for (let i = 0; i < meta.length; i += 3) {
      out.pttl.push(meta[i]);
      out.size.push(meta[i + 1]);
      out.len.push(meta[i + 2]);
      out.off.push(off);
      if (meta[i + 2] > 0) off += meta[i + 2];
    }
    out.blobs.push(blob);
    out.bytes += blob.length;
  }
  return out;
}

function calls(ctx: BatchContext, keys: Buffer[], verb: "EVALSHA_RO" | "EVAL_RO", withMemory: boolean): CommandArg[][] {
  const script = verb === "EVALSHA_RO" ? VERIFY_READ_SCRIPT_SHA : VERIFY_READ_SCRIPT;
  const argv = [ctx.bigKeyBytes, withMemory ? "1" : "0", ctx.scriptPayloadCap, ASSUMED_ELEMENT_BYTES];
  const out: CommandArg[][] = [];
  for (let i = 0; i < keys.length; i += SCRIPT_KEYS) {
    const slice = keys.slice(i, i + SCRIPT_KEYS);
    out.push([verb, script, slice.length, ...slice, ...argv]);
  }
  return out;
}
