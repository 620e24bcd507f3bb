import "server-only";
import { startVerificationWorker } from "./verify/verification-worker";

/** Long-running work of the server process (or `npm run worker`): one line per loop. */
export function startBackground(): void {
  startVerificationWorker();
}
