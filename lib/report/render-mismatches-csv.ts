import "server-only";
import { db } from "@/lib/db";
import { csvLiteral, csvRow } from "./csv-cell";
import { readClusterVerificationPart, shardNamer } from "./cluster-verification-part";

export const MISMATCH_CSV_HEADER = ["db", "key", "status", "detail", "key_base64"] as const;
/** Appended for a verification compared shard by shard: the source shard owning the key's slot. */
export const MISMATCH_CSV_SHARD_COLUMN = "shard";
const PAGE = 1000;

/**
 * Every stored difference of a verification as CSV lines, read page by page so a million rows
 * never sit in memory. `key` is the printable form (control and invalid bytes escaped as \n,
 * \x00); `key_base64` is the exact key for tools that need the bytes. A cluster verification
 * adds a last column, `shard`; a node-to-node one keeps the five columns it always had.
 */
export async function* mismatchCsvLines(verificationId: string | null): AsyncGenerator<string> {
  const run = verificationId ? await db.verificationRun.findUnique({ where: { id: verificationId }, select: { result: true } }) : null;
  const part = readClusterVerificationPart(run?.result ?? null);
  const shardOf = shardNamer(part);
  yield csvRow(part ? [...MISMATCH_CSV_HEADER, MISMATCH_CSV_SHARD_COLUMN] : [...MISMATCH_CSV_HEADER]);
  if (!verificationId) return;
  let after = 0;
  for (;;) {
    const rows = await db.mismatch.findMany({ where: { verificationId, id: { gt: after } }, orderBy: { id: "asc" }, take: PAGE });
    for (const m of rows) {
      const cells = [m.db, m.keyDisplay, m.status, m.detail, csvLiteral(m.keyBase64)];
      yield csvRow(part ? [...cells, shardOf(m.keyBase64) ?? ""] : cells);
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].id;
  }
}

/** The CSV download as a web stream (UTF-8, CRLF line ends as RFC 4180 says). */
export function renderMismatchesCsv(verificationId: string | null): ReadableStream<Uint8Array> {
  const lines = mismatchCsvLines(verificationId);
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}
