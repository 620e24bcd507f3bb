import "server-only";
import { bootstrapAdminFromEnv } from "./users/bootstrap-admin-from-env";
import { startBackground } from "./background";

/** Start-up of the server process (the environment was checked by the caller, see instrumentation.ts). */
export async function boot(): Promise<void> {
  await bootstrapAdminFromEnv();
  startBackground();
}
