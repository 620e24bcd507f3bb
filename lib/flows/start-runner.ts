import "server-only";
import { createRunner, type TRunnerOptions } from "./runner";
import { logger } from "../logger";

/** Boots the durable runner for this process (web server or `npm run worker`). */
export function startRunner(opts: TRunnerOptions = {}): { stop(): Promise<void> } {
  const runner = createRunner(opts);
  runner.start();
  logger().info({ runner: runner.ownerId }, "runner started");
  return { stop: () => runner.stop() };
}
