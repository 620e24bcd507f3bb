import "server-only";
import fs from "node:fs";
import { env } from "./env";
import { generateSecretKey, secretKeyId } from "./crypto/secrets";
import { writeKeyFile } from "./crypto/write-key-file";
import { resealEndpointSecrets, type TResealResult } from "./endpoints/reseal-endpoint-secrets";
import { previousSecretKeyFile, secretKeyFile, secretKeyring, type TKeyring } from "./secret-key";
import { resealWebhookSecrets } from "./webhooks/reseal-webhook-secrets";

export type TRotation = TResealResult & { mode: "environment" | "generated-file"; keyId: string; finished: boolean };

/**
 * `npm run rotate-key`. With FERRY_SECRET_KEY set, the operator has already made the new key
 * current (the old one in FERRY_PREVIOUS_SECRET_KEY): every stored secret is re-encrypted under it.
 * With the generated key file, a new key is made here: the old one is first kept as
 * `secret.key.previous`, then the new one replaces `secret.key` (each file written whole), then
 * every secret is re-encrypted, and only then is the previous key deleted. A crash at any point
 * leaves every value readable (each names its key); running the command again finishes the same
 * rotation instead of starting another.
 */
export async function rotateSecretKey(): Promise<TRotation> {
  if (env().FERRY_SECRET_KEY) {
    const keyring = secretKeyring({ reload: true });
    const r = await resealAll(keyring);
    return { ...r, mode: "environment", keyId: secretKeyId(keyring.current), finished: r.unreadable.length === 0 };
  }
  const file = secretKeyFile();
  const previous = previousSecretKeyFile();
  if (!fs.existsSync(previous)) {
    if (fs.existsSync(file)) writeKeyFile(previous, fs.readFileSync(file, "utf8"), { replace: true });
    writeKeyFile(file, `${generateSecretKey()}\n`, { replace: true });
  }
  const keyring = secretKeyring({ reload: true });
  const r = await resealAll(keyring);
  const finished = r.unreadable.length === 0;
  // Kept while anything still needs it, so nothing is lost; the operator is told which rows.
  if (finished) fs.rmSync(previous, { force: true });
  secretKeyring({ reload: true });
  return { ...r, mode: "generated-file", keyId: secretKeyId(keyring.current), finished };
}

async function resealAll(keyring: TKeyring): Promise<TResealResult> {
  const a = await resealEndpointSecrets(keyring);
  const b = await resealWebhookSecrets(keyring);
  return { resealed: a.resealed + b.resealed, current: a.current + b.current, unreadable: [...a.unreadable, ...b.unreadable] };
}
