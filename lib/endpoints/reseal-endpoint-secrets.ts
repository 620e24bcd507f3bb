import "server-only";
import { db } from "../db";
import { decryptLegacySecret, decryptSecret, encryptSecret, isLegacySecret, keyIdOfSecret, secretKeyId } from "../crypto/secrets";
import { secretKeyring, type TKeyring } from "../secret-key";

const COLUMNS = ["passwordEnc", "externalIdEnc"] as const;

export type TResealResult = { resealed: number; current: number; unreadable: string[] };

/**
 * Re-encrypts every stored endpoint secret that is not yet under the keyring's current key:
 * values from before per-row binding (`v1`) and values under a previous key. Each write is
 * conditional on the value read, so a value changed meanwhile is left to its writer. What no
 * configured key opens is named (endpoint and field, never the value) and left untouched.
 */
export async function resealEndpointSecrets(ring?: TKeyring): Promise<TResealResult> {
  const rows = await db.endpoint.findMany({
    where: { OR: [{ passwordEnc: { not: null } }, { externalIdEnc: { not: null } }] },
    select: { id: true, name: true, passwordEnc: true, externalIdEnc: true },
  });
  const result: TResealResult = { resealed: 0, current: 0, unreadable: [] };
  if (!rows.length) return result; // nothing stored: no key needed (none is generated)
  const keyring = ring ?? secretKeyring();
  const currentId = secretKeyId(keyring.current);
  for (const row of rows) {
    for (const column of COLUMNS) {
      const blob = row[column];
      if (!blob) continue;
      if (keyIdOfSecret(blob) === currentId) {
        result.current++;
        continue;
      }
      const field = { column: `Endpoint.${column}`, rowId: row.id } as const;
      let plain: string;
      try {
        plain = isLegacySecret(blob) ? decryptLegacySecret(blob, keyring.all) : decryptSecret(blob, keyring.all, field);
      } catch {
        result.unreadable.push(`${row.name} (${column === "passwordEnc" ? "password" : "external id"})`);
        continue;
      }
      const { count } = await db.endpoint.updateMany({ where: { id: row.id, [column]: blob }, data: { [column]: encryptSecret(plain, keyring.current, field) } });
      result.resealed += count;
    }
  }
  return result;
}
