import "server-only";
import type { ReplicatorCore } from "./replicator-core";
import { sleep } from "./rate-meter";
import { flushEvidence, HEALTH_INTERVAL_MS, readHealth, type HealthSample } from "./source-health";
import { runRepair } from "./run-repair";

/**
 * Every HEALTH_INTERVAL_MS: flush detection and the source's write rate from INFO, and the repair
 * pass once the scan is done whenever events may have been lost (and the subscriber listens again).
 */
export async function watchSourceHealth(core: ReplicatorCore): Promise<void> {
  let prev: HealthSample | null = null;
  let removing = core.subscriber.removingEvents;
  while (!core.stopped) {
    try {
      const next = await readHealth(core.src(core.options.dbs[0]));
      const removedSince = core.subscriber.removingEvents - removing;
      removing = core.subscriber.removingEvents;
      if (prev) {
        const evidence = flushEvidence(prev, next, core.options.dbs, removedSince);
        if (evidence) core.markLoss("flush-detected", `${evidence}: keys deleted without events must be removed from the target`);
        const dt = (next.at - prev.at) / 1000;
        if (dt > 0) core.sourceWritesPerSec = Math.max(0, Math.round((next.writeCalls - prev.writeCalls) / dt));
      }
      prev = next;
    } catch {
      prev = null; // a failed read breaks the comparison chain; the next sample starts a new one
    }
    if (core.cp.needsRepair && core.scanDone && core.subscribed && !core.repairing && !core.stopped) {
      void runRepair(core).catch(() => {}); // reported as an event; retried on the next tick
    }
    await sleep(HEALTH_INTERVAL_MS);
  }
}
