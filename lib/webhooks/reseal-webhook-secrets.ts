import "server-only";
import { db } from "../db";
import { decryptSecret, encryptSecret, keyIdOfSecret, secretKeyId } from "../crypto/secrets";
import type { TKeyring } from "../secret-key";
import type { TResealResult } from "../endpoints/reseal-endpoint-secrets";

/** The webhook signing secrets' part of a key rotation (see resealEndpointSecrets, same rules). */
export async function resealWebhookSecrets(keyring: TKeyring): Promise<TResealResult> {
  const result: TResealResult = { resealed: 0, current: 0, unreadable: [] };
  const currentId = secretKeyId(keyring.current);
  for (const row of await db.webhook.findMany({ select: { id: true, url: true, secretEnc: true } })) {
    if (keyIdOfSecret(row.secretEnc) === currentId) {
      result.current++;
      continue;
    }
    const field = { column: "Webhook.secretEnc", rowId: row.id } as const;
    let plain: string;
    try {
      plain = decryptSecret(row.secretEnc, keyring.all, field);
    } catch {
      result.unreadable.push(`webhook ${new URL(row.url).host} (signing secret)`);
      continue;
    }
    const { count } = await db.webhook.updateMany({ where: { id: row.id, secretEnc: row.secretEnc }, data: { secretEnc: encryptSecret(plain, keyring.current, field) } });
    result.resealed += count;
  }
  return result;
}
