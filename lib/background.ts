import "server-only";
import { env } from "./env";
import { startRunner } from "./flows/start-runner";
import { startMonitoring } from "./monitor/start-monitoring";
import { startReplicationLoop } from "./flows/replication/replication-loop";
import { startVerificationWorker } from "./verify/jobs/verification-worker";
import { startWebhookDelivery } from "./webhooks/deliver-webhooks";

type Stoppable = { stop(): Promise<void> };

// Next.js dev may call instrumentation more than once per process; one set of loops is enough.
const globalForBackground = globalThis as unknown as { ferryBackground?: Stoppable };

/**
 * Long-running work of the server process (or `npm run worker`, which passes force): one line per
 * loop. FERRY_RUNNER=off leaves them all to the worker so web replicas scale on their own.
 */
export function startBackground(opts: { force?: boolean } = {}): Stoppable {
  if (globalForBackground.ferryBackground) return globalForBackground.ferryBackground;
  const loops: Stoppable[] = [];
  const on = opts.force || env().FERRY_RUNNER === "on";
  if (on) loops.push(startRunner());
  if (on) loops.push(startMonitoring());
  if (on) loops.push(startVerificationWorker());
  if (on) loops.push(startReplicationLoop());
  if (on) loops.push(startWebhookDelivery());
  return (globalForBackground.ferryBackground = { stop: async () => void (await Promise.all(loops.map((l) => l.stop()))) });
}
