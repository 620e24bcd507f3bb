import "server-only";
import type { CopyContext } from "./copy-context";
import type { KeyWrite } from "./encode-restores";
import { payloadOf, probeViaScript } from "./verify-bridge";

export type ScriptBatch = {
  /** RESTOREs for keys read whole, DELs for keys the source no longer has. */
  writes: KeyWrite[];
  /** Over bigKeyBytes: copied in chunks. */
  big: Buffer[];
  /** Small, but past the call's payload cap: DUMPed apart, through the byte budget. */
  apart: { key: Buffer; bytes: number }[];
  /** Payload bytes held by `writes`. */
  bytes: number;
};

/**
 * PTTL, size and DUMP of a batch in one atomic read-only script call per SCRIPT_KEYS keys (the
 * verification engine's read script), instead of a MEMORY USAGE round trip then a DUMP + PTTL
 * one. null when the source cannot run it: ctx.script.usable is then off for the run.
 */
export async function readViaScript(ctx: CopyContext, keys: Buffer[]): Promise<ScriptBatch | null> {
  const flags = { memoryProbe: ctx.probe.memory, bigKeyBytes: ctx.bigKeyBytes, scriptPayloadCap: ctx.script.payloadCap };
  const read = await ctx.lean.run((l) => probeViaScript(flags, l, keys));
  ctx.probe.memory &&= flags.memoryProbe;
  if (!read) {
    ctx.script.usable = false;
    return null;
  }
  const out: ScriptBatch = { writes: [], big: [], apart: [], bytes: read.bytes };
  keys.forEach((key, i) => {
    const pttl = read.pttl[i];
    if (pttl === -2) out.writes.push({ key, ttl: 0, payload: null });
    else if (read.len[i] >= 0) out.writes.push({ key, ttl: pttl > 0 ? pttl : 0, payload: payloadOf(read, i) });
    else if (read.size[i] > ctx.bigKeyBytes) out.big.push(key);
    else out.apart.push({ key, bytes: read.size[i] });
  });
  return out;
}
