import "server-only";
import { env } from "./env";
import { startRunner } from "./flows/start-runner";

type Stoppable = { stop(): Promise<void> };

// Next.js dev may call instrumentation more than once per process; one set of loops is enough.
const globalForBackground = globalThis as unknown as { ferryBackground?: Stoppable };

/** The long-running loops of a Ferry process, one line per subsystem. `force` is for `npm run worker`. */
export function startBackground(opts: { force?: boolean } = {}): Stoppable {
  if (globalForBackground.ferryBackground) return globalForBackground.ferryBackground;
  const loops: Stoppable[] = [];
  if (opts.force || env().FERRY_RUNNER === "on") loops.push(startRunner());
  return (globalForBackground.ferryBackground = { stop: async () => void (await Promise.all(loops.map((l) => l.stop()))) });
}
