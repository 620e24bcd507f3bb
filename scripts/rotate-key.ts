// `npm run rotate-key`: re-encrypts every stored secret under a new key (see README, "Rotating
// the secret key"). Run it with the same DATABASE_URL and FERRY_SECRET_KEY settings as Ferry.
import { exitOnBadEnv } from "../lib/env";

async function main() {
  exitOnBadEnv();
  // Imported only after the check: lib/db reads DATABASE_URL when it is loaded.
  const { rotateSecretKey } = await import("../lib/rotate-secret-key");
  const r = await rotateSecretKey();
  const where = r.mode === "environment" ? "FERRY_SECRET_KEY" : "the generated key file";
  console.log(`[ferry] current key ${r.keyId} (${where}): ${r.resealed} secret(s) re-encrypted, ${r.current} already under it.`);
  if (!r.finished) {
    console.error(`[ferry] no configured key opens: ${r.unreadable.join(", ")}. Keep the previous key configured, fix or re-enter these, and run this again.`);
    process.exit(1);
  }
  if (r.mode === "environment") console.log("[ferry] done: FERRY_PREVIOUS_SECRET_KEY can now be removed.");
  else console.log("[ferry] done: the previous key file was deleted. Restart Ferry (web and worker) if they were running.");
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
