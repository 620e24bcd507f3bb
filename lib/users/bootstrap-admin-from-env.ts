import "server-only";
import { env } from "../env";
import { ensureAdmin } from "./ensure-admin";

/** Creates the first admin from FERRY_ADMIN_EMAIL / FERRY_ADMIN_PASSWORD when they are set. */
export async function bootstrapAdminFromEnv(): Promise<void> {
  const { FERRY_ADMIN_EMAIL: email, FERRY_ADMIN_PASSWORD: password } = env();
  if (!email || !password) return;
  const outcome = await ensureAdmin({ email, password });
  if (outcome === "created") console.log(`[ferry] first admin ${email} created`);
}
