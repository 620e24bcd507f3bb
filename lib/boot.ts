import "server-only";
import { env, EnvError } from "./env";
import { bootstrapAdminFromEnv } from "./users/bootstrap-admin-from-env";
import { startBackground } from "./background";

/** A bad setting stops the process with one line naming the variable. */
export function exitOnBadEnv(): void {
  try {
    env();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(`[ferry] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

/** Start-up of the server process. */
export async function boot(): Promise<void> {
  exitOnBadEnv();
  await bootstrapAdminFromEnv();
  startBackground();
}
