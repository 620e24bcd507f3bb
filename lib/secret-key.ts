import "server-only";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env";
import { sqliteFilePath } from "./db-url";
import { AppError } from "./errors";
import { decodeSecretKey } from "./crypto/decode-secret-key";
import { generateSecretKey, parseSecretKey, type SecretKey } from "./crypto/secrets";
import { writeKeyFile } from "./crypto/write-key-file";

/** The key new values are encrypted with, and every key stored values may name (by key id). */
export type TKeyring = { current: SecretKey; all: SecretKey[] };

let cached: TKeyring | undefined;

/** The generated key beside the SQLite file (used when FERRY_SECRET_KEY is unset). */
export function secretKeyFile(): string {
  return path.join(path.dirname(sqliteFilePath(env().DATABASE_URL)), "secret.key");
}

/** The outgoing key kept during a rotation of the generated key (see rotate-secret-key.ts). */
export function previousSecretKeyFile(): string {
  return `${secretKeyFile()}.previous`;
}

/**
 * FERRY_SECRET_KEY (with FERRY_PREVIOUS_SECRET_KEY during a rotation), or for the embedded default
 * a key generated on first use and kept, mode 0600, beside the SQLite file, so a copy of the
 * database alone does not reveal the passwords in it if the key file is kept apart.
 * `reload` re-reads the files (a rotation may have run in another process).
 */
export function secretKeyring(opts: { reload?: boolean } = {}): TKeyring {
  if (cached && !opts.reload) return cached;
  const e = env();
  if (e.FERRY_SECRET_KEY) {
    const current = parseSecretKey(e.FERRY_SECRET_KEY);
    const previous = e.FERRY_PREVIOUS_SECRET_KEY ? [parseSecretKey(e.FERRY_PREVIOUS_SECRET_KEY)] : [];
    return (cached = { current, all: [current, ...previous] });
  }
  const file = secretKeyFile();
  if (!fs.existsSync(file)) writeKeyFile(file, `${generateSecretKey()}\n`);
  const current = readKeyFile(file);
  const previousFile = previousSecretKeyFile();
  const previous = fs.existsSync(previousFile) ? [readKeyFile(previousFile)] : [];
  return (cached = { current, all: [current, ...previous] });
}

function readKeyFile(file: string): SecretKey {
  const key = decodeSecretKey(fs.readFileSync(file, "utf8"));
  if (!key) {
    // Ferry writes key files whole; this one was damaged or written by something else. Never
    // replaced silently: the stored secrets may need it.
    throw new AppError("INVALID_INPUT", `The key file ${file} does not hold a 32-byte key. Restore it from a backup, or delete it if no endpoint secret was ever stored.`);
  }
  return key as SecretKey;
}
