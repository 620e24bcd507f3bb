import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { countDifferences, seedMixed, startReplicationPair, startTestReplicator, TEST_OPTIONS, type ReplicationPair } from "./test-helpers/replication-pair";
import type { TReplicationCheckpoint } from "./types";

let pair: ReplicationPair | undefined;
afterEach(async () => {
  await pair?.stop();
  pair = undefined;
});

/** Runs a replicator in a child process and SIGKILLs it once a checkpoint satisfies `until`; returns that checkpoint. */
async function crashWhen(pair: ReplicationPair, until: (cp: TReplicationCheckpoint) => boolean): Promise<TReplicationCheckpoint> {
  const input = JSON.stringify({ source: pair.ends.source, target: pair.ends.target, options: { ...TEST_OPTIONS, batchSize: 100 } });
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "test-helpers/replicator-process.ts"), input], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((r) => child.once("exit", r));
  let last: TReplicationCheckpoint | undefined;
  for await (const line of readline.createInterface({ input: child.stdout! })) {
    if (!line.startsWith("cp ")) continue;
    last = JSON.parse(line.slice(3)) as TReplicationCheckpoint;
    if (until(last)) {
      child.kill("SIGKILL");
      break;
    }
  }
  await exited;
  if (!last) throw new Error("the replicator process wrote no checkpoint");
  return last;
}

async function writeDuringDowntime(pair: ReplicationPair): Promise<void> {
  const p = pair.src.pipeline();
  for (let i = 0; i < 500; i++) p.set(`downtime:${i}`, String(i));
  for (let i = 0; i < 300; i++) p.del(`k:${i * 7}`);
  await p.exec();
}

describe("resume after a crash", () => {
  it("kill -9 mid-copy: resumes from the checkpoint's cursor, repairs the downtime, ends with 0 differences", async () => {
    pair = await startReplicationPair();
    await seedMixed(pair.src, 20_000);
    const cp = await crashWhen(pair, (c) => c.phase === "initial-copy" && c.keysCopied >= 2_000);
    expect(cp.dbs["0"].scanDone).toBe(false);
    await writeDuringDowntime(pair);
    const { replicator, events } = startTestReplicator(pair, { checkpoint: cp });
    await replicator.start();
    expect(await replicator.drain(60_000)).toBe(true);
    // The resumed scan started at the cursor: it copied the rest, not everything again.
    expect(replicator.stats().initialCopy.keysCopied - cp.keysCopied).toBeLessThan(20_000);
    expect(events.map((e) => e.kind)).toContain("repair-finished");
    expect(await countDifferences(pair)).toBe(0);
    await replicator.stop();
  }, 120_000);

  it("kill -9 during live: events lost while down are recovered by the repair pass, 0 differences", async () => {
    pair = await startReplicationPair();
    await seedMixed(pair.src, 5_000);
    const cp = await crashWhen(pair, (c) => c.phase === "live");
    await writeDuringDowntime(pair);
    const { replicator } = startTestReplicator(pair, { checkpoint: cp });
    await replicator.start();
    expect(await replicator.drain(60_000)).toBe(true);
    expect(replicator.stats().lastRepair?.differences).toBeGreaterThanOrEqual(800);
    expect(await countDifferences(pair)).toBe(0);
    await replicator.stop();
  }, 120_000);
});
