import "server-only";
import { decryptSecret, encryptSecret, keyIdOfSecret, secretKeyId } from "../crypto/secrets";
import { secretKeyring } from "../secret-key";

type TColumn = "passwordEnc" | "externalIdEnc";

/** Encrypts a secret for one column of one Endpoint row: it decrypts there only. */
export function sealEndpointSecret(plain: string, rowId: string, column: TColumn): string {
  return encryptSecret(plain, secretKeyring().current, { column: `Endpoint.${column}`, rowId });
}

/** Decrypts a secret of one Endpoint row, in memory only, for a connection about to open. */
export function openEndpointSecret(blob: string, rowId: string, column: TColumn): string {
  const field = { column: `Endpoint.${column}`, rowId } as const;
  const keyId = keyIdOfSecret(blob);
  let keys = secretKeyring().all;
  // A rotation in another process (`npm run rotate-key`) may have re-encrypted it under a new key.
  if (keyId && !keys.some((k) => secretKeyId(k) === keyId)) keys = secretKeyring({ reload: true }).all;
  return decryptSecret(blob, keys, field);
}
