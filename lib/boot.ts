import "server-only";
import { bootstrapAdminFromEnv } from "./users/bootstrap-admin-from-env";
import { startBackground } from "./background";
import { resealSecretsAtStartUp } from "./endpoints/reseal-at-start-up";

/** Start-up of the server process (the environment was checked by the caller, see instrumentation.ts). */
export async function boot(): Promise<void> {
  await bootstrapAdminFromEnv();
  await resealSecretsAtStartUp();
  // A loop that fails to load stops start-up here rather than as an unhandled rejection later.
  await startBackground().ready;
}
