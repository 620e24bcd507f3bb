import type { TReplicateOptions } from "../replication-store/replicate-options";
import { readSampleRepl, type TSampleRepl } from "../replication-store/replication-json";
import type { TCutoverGate, TGateCondition } from "./cutover-gate";
import type { TGateOptions } from "./gate-options";

export type TReplicationGateSample = { at: Date; srcUp: boolean; tgtUp: boolean; repl: string | null };

/** Samples further apart than this break a "continuously for N seconds" run (as the replicaof gate). */
const MAX_STEP_MS = 2_500;

/**
 * The replicate strategy's gate, from the sampler's samples: the replicator reports (fresh), the
 * initial copy and any repair are done, the oldest unapplied event stayed young for N seconds,
 * and a sampled comparison of random keys came back clean within the last minute.
 */
export function judgeReplicationGate(samples: TReplicationGateSample[], gate: TGateOptions, o: TReplicateOptions, now: number): TCutoverGate {
  const parsed = samples.map((s) => ({ ...s, r: readSampleRepl(s.repl) }));
  const latest = parsed[parsed.length - 1];
  const r = latest?.r && latest.r.direction === "forward" ? latest.r : null;
  const conditions: TGateCondition[] = [fresh(latest, r, gate, now), copied(r), lagStable(parsed, gate, o, now), compared(r, o, now)];
  return { open: conditions.every((c) => c.ok), conditions };
}

function fresh(latest: TReplicationGateSample | undefined, r: TSampleRepl | null, gate: TGateOptions, now: number): TGateCondition {
  const label = "Both ends and the replicator reported in the last few seconds";
  if (!latest) return { id: "fresh", label, ok: false, detail: "No recent sample: is the monitor running?" };
  const age = (now - latest.at.getTime()) / 1000;
  const missing = [!latest.srcUp && "the source", !latest.tgtUp && "the target", !r && "the replicator"].filter(Boolean);
  const ok = age <= gate.maxSampleAgeSeconds && missing.length === 0;
  return { id: "fresh", label, ok, detail: missing.length ? `No answer from ${missing.join(", ")} in the latest sample (${age.toFixed(1)} s ago).` : `Latest sample ${age.toFixed(1)} s ago.` };
}

function copied(r: TSampleRepl | null): TGateCondition {
  const label = "Initial copy done, no repair pending";
  if (!r) return { id: "copied", label, ok: false, detail: "Replicator stats unknown." };
  const c = r.initialCopy;
  if (!c.done) return { id: "copied", label, ok: false, detail: `${c.keysCopied.toLocaleString("en-US")} of ~${c.sourceKeys.toLocaleString("en-US")} keys copied.` };
  if (r.repairing || r.needsRepair) return { id: "copied", label, ok: false, detail: "A repair pass is running (events may have been lost)." };
  return { id: "copied", label, ok: true, detail: `${c.keysCopied.toLocaleString("en-US")} keys copied; ${r.repairs} repair(s), ${r.reconnects} reconnect(s).` };
}

function lagStable(samples: { at: Date; r: TSampleRepl | null }[], gate: TGateOptions, o: TReplicateOptions, now: number): TGateCondition {
  const label = `Oldest unapplied event under ${o.maxOldestPendingMs.toLocaleString("en-US")} ms for ${gate.stableSeconds} s`;
  const good = (s: { r: TSampleRepl | null }) => !!s.r && s.r.direction === "forward" && s.r.initialCopy.done && !s.r.repairing && s.r.live.oldestPendingAgeMs <= o.maxOldestPendingMs;
  let i = samples.length - 1;
  if (i < 0 || !good(samples[i])) {
    const r = samples[i]?.r;
    return { id: "lag", label, ok: false, detail: r ? `${r.live.pendingKeys} keys pending, oldest ${r.live.oldestPendingAgeMs} ms.` : "Lag unknown in the latest sample." };
  }
  while (i > 0 && good(samples[i - 1]) && samples[i].at.getTime() - samples[i - 1].at.getTime() <= MAX_STEP_MS) i--;
  const heldFor = (now - samples[i].at.getTime()) / 1000;
  const r = samples[samples.length - 1].r!;
  const ok = heldFor >= gate.stableSeconds;
  return { id: "lag", label, ok, detail: `${ok ? `Held for at least ${gate.stableSeconds} s` : `Held for ${heldFor.toFixed(0)} s of ${gate.stableSeconds} s`}; now ${r.live.pendingKeys} pending, ${Math.round(r.live.appliedPerSec)} applied/s.` };
}

function compared(r: TSampleRepl | null, o: TReplicateOptions, now: number): TGateCondition {
  const label = `A sampled comparison (${o.compareKeys.toLocaleString("en-US")} random keys) clean within ${o.compareMaxAgeSeconds} s`;
  const c = r?.lastCompare;
  if (!c) return { id: "compare", label, ok: false, detail: "No sampled comparison yet (it runs once the copy is done)." };
  const age = (now - Date.parse(c.at)) / 1000;
  const ok = c.differences === 0 && age <= o.compareMaxAgeSeconds;
  return { id: "compare", label, ok, detail: `${c.differences} of ${c.compared} keys differed, ${age.toFixed(0)} s ago.` };
}
