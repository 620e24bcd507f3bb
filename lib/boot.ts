import "server-only";
import { env, EnvError } from "./env";
import { bootstrapAdminFromEnv } from "./users/bootstrap-admin-from-env";
import { startBackground } from "./background";

/** Start-up of the server process: a bad setting stops it with one line naming the variable. */
export async function boot(): Promise<void> {
  try {
    env();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(`[ferry] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  await bootstrapAdminFromEnv();
  startBackground();
}
