import type { TSampleInput } from "./build-sample";

/** The new primary's key count falling by more than this share of the most it held in the window is an anomaly. */
export const KEY_DROP_PCT = 10;

export const ANOMALY_KINDS = ["old_source_writes", "target_unreachable", "target_keys_dropped", "reverse_replication"] as const;
export type TAnomalyKind = (typeof ANOMALY_KINDS)[number];

/** One watch reading: what is seen now, or null for a kind that is not (or cannot be) judged this time. */
export type TAnomalyFinding = { kind: TAnomalyKind; seen: boolean; message: string; data: Record<string, unknown> };

export type TWatchReading = {
  sample: TSampleInput | null;
  /** Write calls per command on the old source since the previous reading (null: not read). */
  oldSourceWrites: { command: string; calls: number }[] | null;
  windowSeconds: number;
  /** Most keys the new primary held since the window began. */
  maxTargetKeys: number | null;
  /** Replicate strategy with its reverse replication running. */
  reverseRunning: boolean;
};

/**
 * What a post-cutover watch reading shows, each finding naming what was seen and what to do.
 * Pure, so the wording and thresholds are tested without servers.
 */
export function judgePostCutover(r: TWatchReading): TAnomalyFinding[] {
  const out: TAnomalyFinding[] = [];
  if (r.oldSourceWrites) {
    const total = r.oldSourceWrites.reduce((n, w) => n + w.calls, 0);
    const named = r.oldSourceWrites.slice(0, 5).map((w) => `${w.command.toUpperCase()} ×${w.calls}`).join(", ");
    out.push({
      kind: "old_source_writes",
      seen: total > 0,
      message: `The old source still receives writes after cutover: ${named} in the last ${r.windowSeconds} s. An application instance was not switched; find it under "Old source clients" on the monitor page and point it at the new primary, or its writes are lost.`,
      data: { writes: r.oldSourceWrites, windowSeconds: r.windowSeconds },
    });
  }
  const s = r.sample;
  if (s) {
    out.push({
      kind: "target_unreachable",
      seen: !s.tgtUp,
      message: "The new primary did not answer INFO. Applications writing to it are failing now: check the target's status in the console and its network path, and consider the way back if it stays down.",
      data: {},
    });
    if (s.tgtUp && s.tgtKeys !== null && r.maxTargetKeys) {
      const dropPct = ((r.maxTargetKeys - s.tgtKeys) / r.maxTargetKeys) * 100;
      out.push({
        kind: "target_keys_dropped",
        seen: dropPct > KEY_DROP_PCT,
        message: `The new primary holds ${s.tgtKeys.toLocaleString("en-US")} keys, down ${dropPct.toFixed(1)}% from ${r.maxTargetKeys.toLocaleString("en-US")} since cutover (more than ${KEY_DROP_PCT}%). Check for a FLUSHDB or mass DEL, evictions (maxmemory-policy) and keys expiring together before trusting it.`,
        data: { keys: s.tgtKeys, maxKeys: r.maxTargetKeys, dropPct: Math.round(dropPct * 10) / 10 },
      });
    }
  }
  if (r.reverseRunning) {
    // A running reverse replication that stores no fresh stats has stopped working (replication-for-sample.ts).
    const stalled = !s?.repl;
    const needsRepair = !!s?.repl && /"needsRepair":true/.test(s.repl);
    out.push({
      kind: "reverse_replication",
      seen: stalled || needsRepair,
      message: stalled
        ? "The reverse replication (the way back to the old source) stopped reporting: its process or its connection failed. Until it runs again, rolling back loses the writes made since."
        : "The reverse replication found differences it could not apply and needs a repair; rolling back now would lose data. Run a repair from the migration page.",
      data: { stalled, needsRepair },
    });
  }
  return out;
}
