// Runs once when the Next.js server starts: validate the environment (one clear line and exit
// on a bad setting) and make sure the first admin exists.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, EnvError } = await import("./lib/env");
  try {
    env();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(`[ferry] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const { bootstrapAdminFromEnv } = await import("./lib/users/bootstrap-admin-from-env");
  await bootstrapAdminFromEnv();
}
