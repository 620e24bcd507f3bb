import "server-only";
import { resealEndpointSecrets } from "./reseal-endpoint-secrets";

/**
 * Start-up of the server and of the worker: values stored before per-row binding, or under a
 * previous key, are re-encrypted under the current key. Never stops start-up: an unreadable
 * value only fails the endpoint that holds it, with the same message at use.
 */
export async function resealSecretsAtStartUp(): Promise<void> {
  try {
    const r = await resealEndpointSecrets();
    if (r.resealed) console.log(`[ferry] re-encrypted ${r.resealed} stored secret(s) under the current key`);
    if (r.unreadable.length) {
      console.warn(`[ferry] no configured key opens the stored secret of: ${r.unreadable.join(", ")}. Set FERRY_SECRET_KEY (or FERRY_PREVIOUS_SECRET_KEY) to the key it was stored with, or enter it again.`);
    }
  } catch (err) {
    console.warn(`[ferry] re-encrypting stored secrets failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
