import "server-only";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env";
import { sqliteFilePath } from "./db-url";
import { generateSecretKey, parseSecretKey, type SecretKey } from "./crypto/secrets";

let cached: SecretKey | undefined;

/**
 * The key that encrypts stored secrets: FERRY_SECRET_KEY, or for the embedded default a key
 * generated on first use and kept (mode 0600) beside the SQLite file, so that a copy of the
 * database alone does not reveal the passwords in it only if the key file is kept apart.
 */
export function secretKey(): SecretKey {
  if (cached) return cached;
  const fromEnv = env().FERRY_SECRET_KEY;
  if (fromEnv) return (cached = parseSecretKey(fromEnv));
  const file = path.join(path.dirname(sqliteFilePath(env().DATABASE_URL)), "secret.key");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, generateSecretKey() + "\n", { mode: 0o600, flag: "wx" });
    } catch (err) {
      // Another process created it first; use theirs.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  return (cached = parseSecretKey(fs.readFileSync(file, "utf8").trim()));
}
