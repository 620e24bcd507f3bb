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
/** Payload bytes one call may return; keys after that come back without one and are DUMPed apart. */
export const SCRIPT_PAYLOAD_CAP = 256 * 1024;

export type ScriptRead = { pttl: number[]; size: number[]; payload: (Buffer | null)[]; bytes: number };

/**
 * One side's PTTL, size and small-key payloads for a batch through the read script: one server
 * command per SCRIPT_KEYS keys instead of three per key. null when the server cannot run it
 * (before 7.0, scripting disabled or denied): the caller switches to the pipelined commands.
 */
export async function probeViaScript(ctx: BatchContext, link: VerifyLink, keys: Buffer[]): Promise<ScriptRead | null> {
  let replies = await link.send(calls(ctx, keys, "EVALSHA_RO"));
  if (replies.some((r) => r instanceof RespError && r.message.startsWith("NOSCRIPT"))) {
    replies = await link.send(calls(ctx, keys, "EVAL_RO")); // also caches it: later batches use the SHA
  }
  if (ctx.memoryProbe && replies.some((r) => r instanceof RespError)) {
    // Most likely MEMORY refused (an ACL, Serverless; the script error does not always say which
    // command): sizes from lengths from now on. If that fails too, the script is not usable here.
    ctx.memoryProbe = false;
    replies = await link.send(calls(ctx, keys, "EVALSHA_RO"));
  }
  if (replies.some((r) => r instanceof RespError)) return null;
  const out: ScriptRead = { pttl: [], size: [], payload: [], bytes: 0 };
  for (const r of replies) {
    const [meta, payloads] = r as [number[], (Buffer | null)[]];
    for (let i = 0; i < payloads.length; i++) {
      out.pttl.push(meta[2 * i]);
      out.size.push(meta[2 * i + 1]);
      out.payload.push(payloads[i]);
      out.bytes += payloads[i]?.length ?? 0;
    }
  }
  return out;
}

function calls(ctx: BatchContext, keys: Buffer[], verb: "EVALSHA_RO" | "EVAL_RO"): CommandArg[][] {
  const script = verb === "EVALSHA_RO" ? VERIFY_READ_SCRIPT_SHA : VERIFY_READ_SCRIPT;
  const argv = [ctx.bigKeyBytes, ctx.memoryProbe ? "1" : "0", SCRIPT_PAYLOAD_CAP, ASSUMED_ELEMENT_BYTES];
  const out: CommandArg[][] = [];
  for (let i = 0; i < keys.length; i += SCRIPT_KEYS) {
    const slice = keys.slice(i, i + SCRIPT_KEYS);
    out.push([verb, script, slice.length, ...slice, ...argv]);
  }
  return out;
}
