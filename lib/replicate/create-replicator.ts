import "server-only";
import { runInitialCopy } from "./initial-copy";
import { runLiveApply } from "./live-apply";
import { notificationChannels } from "./notification-channels";
import { sleep } from "./rate-meter";
import { ReplicatorCore } from "./replicator-core";
import { runRepair } from "./run-repair";
import { sampleCompare } from "./sample-compare";
import { ZReplicationCheckpoint, ZReplicationOptions, type Replicator, type TCreateReplicatorOptions, type TReplicationStats } from "./types";
import { watchSourceHealth } from "./watch-source-health";

/** stop() resolves within this, whatever the loops are doing (connections are closed first). */
export const STOP_GRACE_MS = 900;

/**
 * Key-level replication of one source to one target: subscribe to keyspace events, SCAN-copy
 * every key, apply changed keys live, repair after any possible loss. See types.ts for the contract.
 */
export function createReplicator(input: TCreateReplicatorOptions): Replicator {
  const core = new ReplicatorCore({
    ...input,
    options: ZReplicationOptions.parse(input.options),
    checkpoint: input.checkpoint ? ZReplicationCheckpoint.parse(input.checkpoint) : undefined,
  });
  const loops: Promise<void>[] = [];

  const copyThenLive = async () => {
    if (!core.scanDone) {
      core.copyStartedAt = Date.now();
      await runInitialCopy(core);
      if (core.stopped) return;
    }
    const firstTime = core.cp.phase === "initial-copy";
    core.copyEndedAt = Date.now();
    core.cp.phase = "live";
    // Events published while nothing listened (a crash, a restart) are lost: repair after a resume.
    if (core.resumed) core.markLoss("reconnect", "resumed from a checkpoint: events during the downtime were lost, a repair pass follows");
    else await core.saveCheckpoint();
    if (firstTime) core.emit("initial-copy-done", `initial copy done: ${core.cp.keysCopied} keys, ${core.cp.bytesCopied} bytes`);
  };

  return {
    async start() {
      try {
        await core.connect();
        const channels = await notificationChannels(core.src(core.options.dbs[0]), core.o.source.label);
        const sizes = await Promise.all(core.options.dbs.map((db) => core.src(db).dbsize()));
        core.sourceKeys = sizes.reduce((a, b) => a + b, 0);
        await core.subscriber.start(channels); // listen before the first read
      } catch (err) {
        core.stopped = true;
        core.closeAll();
        throw err;
      }
      loops.push(runLiveApply(core), watchSourceHealth(core), copyThenLive().catch((err) => core.emit("error", (err as Error).message)));
    },
    async stop() {
      core.stopped = true;
      core.abort.abort();
      core.closeAll();
      core.queue.wake();
      await Promise.race([Promise.allSettled(loops), sleep(STOP_GRACE_MS)]);
    },
    stats: () => stats(core),
    checkpoint: () => structuredClone(core.cp),
    repair: () => runRepair(core),
    async drain(timeoutMs) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const idle = core.cp.phase === "live" && core.queue.size === 0 && core.queue.busy === 0 && !core.repairing && !core.cp.needsRepair;
        if (idle) return true;
        if (Date.now() >= until || core.stopped) return false;
        await sleep(Math.min(20, Math.max(1, until - Date.now())));
      }
    },
    sampleCompare: (n) => sampleCompare(core, n),
  };
}

function stats(core: ReplicatorCore): TReplicationStats {
  const elapsed = ((core.copyEndedAt ?? Date.now()) - core.copyStartedAt) / 1000;
  const keysPerSec = elapsed > 0 ? Math.round(core.keysCopiedThisRun / elapsed) : 0;
  const done = core.cp.phase === "live";
  const left = Math.max(0, core.sourceKeys - core.cp.keysCopied);
  return {
    initialCopy: {
      keysCopied: core.cp.keysCopied,
      bytesCopied: core.cp.bytesCopied,
      sourceKeys: core.sourceKeys,
      keysPerSec,
      etaSec: done ? 0 : keysPerSec > 0 ? Math.round(left / keysPerSec) : null,
      done,
    },
    live: {
      pendingKeys: core.queue.size + core.queue.busy,
      oldestPendingAgeMs: core.queue.oldestAgeMs(),
      appliedPerSec: core.applied.perSec(),
      appliedTotal: core.applied.total,
    },
    reconnects: core.reconnects,
    repairs: core.repairs,
    repairing: core.repairing !== null,
    needsRepair: core.cp.needsRepair,
    lastRepair: core.lastRepair,
    copyMode: core.mode,
    sourceWritesPerSec: core.sourceWritesPerSec,
    subscribed: core.subscribed,
  };
}
