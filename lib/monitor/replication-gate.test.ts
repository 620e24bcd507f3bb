import { describe, expect, it } from "vitest";
import { ZReplicateOptions } from "../replication-store/replicate-options";
import type { TSampleRepl } from "../replication-store/replication-json";
import { ZGateOptions } from "./gate-options";
import { judgeReplicationGate, type TReplicationGateSample } from "./replication-gate";

const NOW = Date.parse("2026-11-30T12:00:00Z");
const gate = ZGateOptions.parse({ stableSeconds: 10 });
const options = ZReplicateOptions.parse({});
const live: TSampleRepl = {
  direction: "forward",
  initialCopy: { keysCopied: 5_000, bytesCopied: 1e6, sourceKeys: 5_000, keysPerSec: 0, etaSec: 0, done: true },
  live: { pendingKeys: 3, oldestPendingAgeMs: 40, appliedPerSec: 900, appliedTotal: 40_000 },
  reconnects: 0, repairs: 1, repairing: false, needsRepair: false, copyMode: "restore", sourceWritesPerSec: 950,
  lastCompare: { at: new Date(NOW - 20_000).toISOString(), compared: 1_000, differences: 0 },
};

/** One sample per second for `seconds` seconds, the latest 0.3 s ago; `at(secondsAgo)` may change it. */
function samples(seconds: number, at: (secondsAgo: number) => Partial<TSampleRepl> | null = () => ({})): TReplicationGateSample[] {
  const out: TReplicationGateSample[] = [];
  for (let ago = seconds; ago >= 0; ago--) {
    const patch = at(ago);
    out.push({ at: new Date(NOW - ago * 1000 - 300), srcUp: true, tgtUp: true, repl: patch ? JSON.stringify({ ...live, ...patch }) : null });
  }
  return out;
}

const judge = (s: TReplicationGateSample[]) => {
  const g = judgeReplicationGate(s, gate, options, NOW);
  return { open: g.open, ...Object.fromEntries(g.conditions.map((c) => [c.id, c.ok])) };
};

describe("the replicate strategy's cutover gate", () => {
  it("opens under a live write load once events stayed young for 10 s and a recent comparison was clean", () => {
    expect(judge(samples(15))).toEqual({ open: true, fresh: true, copied: true, lag: true, compare: true });
  });

  it("stays closed while the initial copy runs, and while a repair is pending after a lost subscriber", () => {
    expect(judge(samples(15, () => ({ initialCopy: { ...live.initialCopy, done: false, keysCopied: 100 } })))).toMatchObject({ open: false, copied: false, lag: false });
    expect(judge(samples(15, (ago) => (ago < 3 ? { needsRepair: true } : {})))).toMatchObject({ open: false, copied: false });
  });

  it("restarts the 10 s count when the oldest event was too old a moment ago", () => {
    const g = judgeReplicationGate(samples(15, (ago) => (ago === 6 ? { live: { ...live.live, oldestPendingAgeMs: 4_000 } } : {})), gate, options, NOW);
    expect(g.conditions.find((c) => c.id === "lag")).toMatchObject({ ok: false, detail: expect.stringMatching(/^Held for 5 s of 10 s/) });
  });

  it("needs a clean sampled comparison within the last minute", () => {
    expect(judge(samples(15, () => ({ lastCompare: { ...live.lastCompare!, differences: 2 } })))).toMatchObject({ open: false, compare: false });
    expect(judge(samples(15, () => ({ lastCompare: { ...live.lastCompare!, at: new Date(NOW - 90_000).toISOString() } })))).toMatchObject({ open: false, compare: false });
    expect(judge(samples(15, () => ({ lastCompare: null })))).toMatchObject({ open: false, compare: false });
  });

  it("knows nothing when the replicator stopped reporting (its process died)", () => {
    expect(judge(samples(15, (ago) => (ago === 0 ? null : {})))).toMatchObject({ open: false, fresh: false, copied: false });
  });
});
