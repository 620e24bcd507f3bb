import { X509Certificate } from "node:crypto";

/** A PEM CA bundle may hold a few certificates (a root and an intermediate or two). */
export const MAX_CA_PEM = 16_384;
const BLOCK = /-----BEGIN CERTIFICATE-----\r?\n[\s\S]*?\r?\n-----END CERTIFICATE-----/g;

/** subject/validTo are null for a stored bundle that no longer parses (stored before the check existed). */
export type TCaSummary = { subject: string | null; validTo: string | null; expired: boolean; certificates: number };

/** Why a pasted CA bundle cannot be used, or undefined when every block in it is a certificate. */
export function caPemProblem(pem: string): string | undefined {
  // The CA is stored as public material: a key pasted by mistake must never reach the database.
  if (/PRIVATE KEY-----/.test(pem)) return "That contains a private key. Paste only the CA certificate (-----BEGIN CERTIFICATE-----); never share the key.";
  const blocks = pem.match(BLOCK) ?? [];
  if (!blocks.length) return "Not a PEM certificate: paste the CA certificate including its -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines.";
  if (pem.replace(BLOCK, "").trim()) return "Only PEM certificates may be pasted here: remove the text outside the -----BEGIN/END CERTIFICATE----- blocks.";
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      return `Certificate ${i + 1} of ${blocks.length} is not valid PEM: it may have been cut short when copied.`;
    }
  }
  return undefined;
}

/** What the form shows of a stored CA instead of the PEM itself: the first certificate's subject and expiry. */
export function summarizeCaPem(pem: string | null | undefined): TCaSummary | undefined {
  if (!pem) return undefined;
  const blocks = pem.match(BLOCK) ?? [];
  try {
    const cert = new X509Certificate(blocks[0] ?? pem);
    const validTo = new Date(cert.validTo);
    return { subject: cert.subject.replace(/\n/g, ", "), validTo: validTo.toISOString(), expired: validTo.getTime() < Date.now(), certificates: blocks.length };
  } catch {
    return { subject: null, validTo: null, expired: false, certificates: blocks.length };
  }
}
