import "server-only";
import { env, type TBackgroundLoop } from "./env";

type Stoppable = { stop(): Promise<void> };
type Background = Stoppable & { loops: TBackgroundLoop[]; /** Settles once every loop has started. */ ready: Promise<void> };

// Each loop is imported only when it runs: a worker started with FERRY_WORKER_LOOPS=sampler loads
// the sampler's code and not the runner's, verification's or the AWS SDK (a smaller heap for every
// major collection to mark, at 1 Hz per migration for as long as the fleet runs).
const LOOPS: Record<TBackgroundLoop, () => Promise<Stoppable>> = {
  runner: async () => (await import("./flows/start-runner")).startRunner(),
  sampler: async () => (await import("./monitor/start-monitoring")).startMonitoring(),
  verification: async () => (await import("./verify/jobs/verification-worker")).startVerificationWorker(),
  replication: async () => (await import("./flows/replication/replication-loop")).startReplicationLoop(),
  webhooks: async () => (await import("./webhooks/deliver-webhooks")).startWebhookDelivery(),
};

// Next.js dev may call instrumentation more than once per process; one set of loops is enough.
const globalForBackground = globalThis as unknown as { ferryBackground?: Background };

/**
 * Long-running work of the server process (or `npm run worker`, which passes force): the loops
 * FERRY_WORKER_LOOPS names (all by default). FERRY_RUNNER=off leaves them all to workers so web
 * replicas scale on their own.
 */
export function startBackground(opts: { force?: boolean } = {}): Background {
  if (globalForBackground.ferryBackground) return globalForBackground.ferryBackground;
  const on = opts.force || env().FERRY_RUNNER === "on";
  const loops = on ? env().FERRY_WORKER_LOOPS : [];
  const started = Promise.all(loops.map((name) => LOOPS[name]()));
  return (globalForBackground.ferryBackground = {
    loops,
    ready: started.then(() => undefined),
    stop: async () => void (await Promise.all((await started).map((l) => l.stop()))),
  });
}
