import "server-only";
import { createRunner, type TRunnerOptions } from "./runner";

/** Boots the durable runner for this process (web server or `npm run worker`). */
export function startRunner(opts: TRunnerOptions = {}): { stop(): Promise<void> } {
  const runner = createRunner(opts);
  runner.start();
  console.log(`[ferry] runner ${runner.ownerId} started`);
  return { stop: () => runner.stop() };
}
