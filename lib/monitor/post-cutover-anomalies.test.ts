import { describe, expect, it } from "vitest";
import type { TSampleInput } from "./build-sample";
import { judgePostCutover, KEY_DROP_PCT, type TWatchReading } from "./post-cutover-anomalies";

const sample = (s: Partial<TSampleInput>): TSampleInput =>
  ({ migrationId: "m", at: new Date(), srcOffset: null, tgtOffset: null, lagBytes: null, linkUp: null, syncInProgress: null, syncReadBytes: null, syncTotalBytes: null, srcKeys: null, tgtKeys: 1_000, srcMemory: null, tgtMemory: null, srcOps: null, tgtOps: null, srcReplicas: null, srcUp: true, tgtUp: true, persistence: null, repl: null, shards: null, ...s });
const reading = (r: Partial<TWatchReading>): TWatchReading => ({ sample: sample({}), oldSourceWrites: [], windowSeconds: 30, maxTargetKeys: 1_000, reverseRunning: false, ...r });
const seen = (r: TWatchReading) => judgePostCutover(r).filter((f) => f.seen).map((f) => f.kind);

describe("judgePostCutover", () => {
  it("a healthy watch reading sees nothing", () => {
    expect(seen(reading({}))).toEqual([]);
  });

  it("names the old source's write commands and what to do", () => {
    const [f] = judgePostCutover(reading({ oldSourceWrites: [{ command: "set", calls: 12 }, { command: "del", calls: 3 }] })).filter((x) => x.seen);
    expect(f.kind).toBe("old_source_writes");
    expect(f.message).toContain("SET ×12, DEL ×3 in the last 30 s");
    expect(f.message).toMatch(/Old source clients/);
  });

  it("the new primary down, or losing more than the threshold of its keys", () => {
    expect(seen(reading({ sample: sample({ tgtUp: false, tgtKeys: null }) }))).toEqual(["target_unreachable"]);
    const atThreshold = 1_000 * (1 - KEY_DROP_PCT / 100);
    expect(seen(reading({ sample: sample({ tgtKeys: atThreshold }) }))).toEqual([]);
    expect(seen(reading({ sample: sample({ tgtKeys: atThreshold - 1 }) }))).toEqual(["target_keys_dropped"]);
  });

  it("a running reverse replication without fresh stats is erroring", () => {
    expect(seen(reading({ reverseRunning: true, sample: sample({ repl: null }) }))).toEqual(["reverse_replication"]);
    expect(seen(reading({ reverseRunning: true, sample: sample({ repl: '{"needsRepair":false}' }) }))).toEqual([]);
  });
});
