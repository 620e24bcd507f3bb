import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { gateOptionsOf, readMigrationOptions, readReplicateOptions } from "../migrations/migration-record";
import type { TGateOptions } from "./gate-options";
import { gateWindowMs, judgeSampledGate } from "./judge-sampled-gate";
import { readGateSamples } from "./sample-reads";
import { evaluateServerlessGate } from "./serverless-gate";

export type TGateCondition = { id: string; label: string; ok: boolean; detail: string };
export type TCutoverGate = { open: boolean; conditions: TGateCondition[] };

export type TGateSample = { at: Date; lagBytes: number | null; linkUp: boolean | null; syncInProgress: boolean | null; srcKeys: number | null; tgtKeys: number | null; srcUp: boolean; tgtUp: boolean };

/** Samples further apart than this break a "continuously for N seconds" run. */
const MAX_STEP_MS = 2_500;

/**
 * Whether it is safe to cut over, judged from the sampler's recent samples (never from a single
 * fresh INFO: one lucky reading is not "in sync"). Each condition says what it saw, so the
 * monitor page can show why the gate is closed.
 */
export async function evaluateCutoverGate(opts: { migrationId: string }): Promise<TCutoverGate> {
  const m = await db.migration.findUnique({ where: { id: opts.migrationId }, select: { options: true, strategy: true, targetId: true } });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  if (m.strategy === "serverless-online") return evaluateServerlessGate({ id: opts.migrationId, targetId: m.targetId });
  const gate = gateOptionsOf(readMigrationOptions(m.options));
  const now = Date.now();
  const windowMs = gateWindowMs(gate);
  const rows = await readGateSamples(opts.migrationId, now - windowMs);
  return judgeSampledGate({ rows, gate, replicate: m.strategy === "replicate" ? readReplicateOptions(m.options) : null, now });
}

/** The gate's reasoning, apart from the database read. */
export function judgeGate(samples: TGateSample[], gate: TGateOptions, now: number): TCutoverGate {
  const latest = samples[samples.length - 1];
  const conditions = [fresh(latest, gate, now), linkUp(latest), lagStable(samples, gate, now), keysAgree(samples, gate)];
  return { open: conditions.every((c) => c.ok), conditions };
}

function fresh(latest: TGateSample | undefined, gate: TGateOptions, now: number): TGateCondition {
  const label = "Both ends sampled in the last few seconds";
  if (!latest) return { id: "fresh", label, ok: false, detail: "No recent sample: is the monitor running?" };
  const age = (now - latest.at.getTime()) / 1000;
  const down = [!latest.srcUp && "source", !latest.tgtUp && "target"].filter(Boolean);
  const ok = age <= gate.maxSampleAgeSeconds && down.length === 0;
  const detail = down.length
    ? `The ${down.join(" and ")} did not answer INFO in the latest sample (${age.toFixed(1)} s ago).`
    : `Latest sample ${age.toFixed(1)} s ago${age > gate.maxSampleAgeSeconds ? ` (older than ${gate.maxSampleAgeSeconds} s)` : ""}.`;
  return { id: "fresh", label, ok, detail };
}

function linkUp(latest: TGateSample | undefined): TGateCondition {
  const label = "Replication link up, initial sync finished";
  if (!latest || latest.linkUp === null) return { id: "link-up", label, ok: false, detail: "The target is not replicating from the source (or was not read)." };
  if (!latest.linkUp) return { id: "link-up", label, ok: false, detail: "master_link_status is down on the target." };
  if (latest.syncInProgress) return { id: "link-up", label, ok: false, detail: "The initial sync is still transferring (master_sync_in_progress:1)." };
  return { id: "link-up", label, ok: true, detail: "master_link_status:up, no sync in progress." };
}

function lagStable(samples: TGateSample[], gate: TGateOptions, now: number): TGateCondition {
  const label = `Byte lag at most ${gate.maxLagBytes.toLocaleString("en-US")} B for ${gate.stableSeconds} s`;
  const good = (s: TGateSample) => s.srcUp && s.tgtUp && s.linkUp === true && s.lagBytes !== null && s.lagBytes <= gate.maxLagBytes;
  // Walk back from the latest sample while samples are good and close together.
  let i = samples.length - 1;
  if (i < 0 || !good(samples[i])) {
    const s = samples[i];
    const detail = !s ? "No recent sample." : s.lagBytes === null ? "Lag unknown in the latest sample." : `Lag is ${s.lagBytes.toLocaleString("en-US")} B now.`;
    return { id: "lag", label, ok: false, detail };
  }
  while (i > 0 && good(samples[i - 1]) && samples[i].at.getTime() - samples[i - 1].at.getTime() <= MAX_STEP_MS) i--;
  const since = samples[i].at.getTime();
  const heldFor = (now - since) / 1000;
  const maxSeen = Math.max(...samples.slice(i).map((s) => s.lagBytes ?? 0));
  const ok = heldFor >= gate.stableSeconds;
  const detail = ok
    ? `Held for at least ${gate.stableSeconds} s (max ${maxSeen.toLocaleString("en-US")} B).`
    : `Held for ${heldFor.toFixed(0)} s of ${gate.stableSeconds} s so far (latest ${samples[samples.length - 1].lagBytes!.toLocaleString("en-US")} B).`;
  return { id: "lag", label, ok, detail };
}

function keysAgree(samples: TGateSample[], gate: TGateOptions): TGateCondition {
  const tol = gate.keyTolerancePct > 0 ? ` or ${gate.keyTolerancePct}%` : "";
  const label = `Key counts agree within ${gate.keyTolerance.toLocaleString("en-US")}${tol}`;
  const read = samples.filter((s) => s.srcKeys !== null && s.tgtKeys !== null);
  // Prefer the latest reading taken at equal offsets: both INFOs then describe the same point of
  // the replication stream, so writes in flight between the two replies cannot make them differ.
  const atSameOffset = [...read].reverse().find((s) => s.lagBytes === 0 && s.linkUp === true);
  const s = atSameOffset ?? read[read.length - 1];
  if (!s) return { id: "keys", label, ok: false, detail: "Key counts not read recently." };
  const diff = Math.abs(s.srcKeys! - s.tgtKeys!);
  const allowed = Math.max(gate.keyTolerance, (gate.keyTolerancePct / 100) * s.srcKeys!);
  const detail = `Source ${s.srcKeys!.toLocaleString("en-US")}, target ${s.tgtKeys!.toLocaleString("en-US")} keys${atSameOffset ? " at equal offsets" : ""} (difference ${diff.toLocaleString("en-US")}).`;
  return { id: "keys", label, ok: diff <= allowed, detail };
}
