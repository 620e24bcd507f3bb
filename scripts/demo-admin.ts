// Issues the demo's one-time admin password: creates admin@ferry.local or resets its password.
// Run with `tsx --conditions=react-server` so lib/'s `server-only` guard resolves as on the server.
import crypto from "node:crypto";
import { ensureAdmin } from "../lib/users/ensure-admin";

async function main() {
  const email = process.env.FERRY_DEMO_ADMIN_EMAIL ?? "admin@ferry.local";
  const password = crypto.randomBytes(9).toString("base64url");
  await ensureAdmin({ email, password, resetPassword: true });
  console.log(JSON.stringify({ email, password }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
