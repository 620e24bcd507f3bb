import "server-only";
import { db } from "@/lib/db";
import { csvLiteral, csvRow } from "./csv-cell";

export const MISMATCH_CSV_HEADER = ["db", "key", "status", "detail", "key_base64"] as const;
const PAGE = 1000;

/**
 * Every stored difference of a verification as CSV lines, read page by page so a million rows
 * never sit in memory. `key` is the printable form (control and invalid bytes escaped as \n,
 * \x00); `key_base64` is the exact key for tools that need the bytes.
 */
export async function* mismatchCsvLines(verificationId: string | null): AsyncGenerator<string> {
  yield csvRow([...MISMATCH_CSV_HEADER]);
  if (!verificationId) return;
  let after = 0;
  for (;;) {
    const rows = await db.mismatch.findMany({ where: { verificationId, id: { gt: after } }, orderBy: { id: "asc" }, take: PAGE });
    for (const m of rows) yield csvRow([m.db, m.keyDisplay, m.status, m.detail, csvLiteral(m.keyBase64)]);
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
