/**
 * Prisma's SQLite adapter stores DateTime as ISO text with "+00:00" (e.g.
 * 2026-11-24T10:00:00.000+00:00). Raw SQL that compares or writes `at` columns must use the same
 * spelling, or string comparison (which the (migrationId, at) index serves) goes wrong.
 */
export function sqlTime(ms: number | Date): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}

/**
 * Epoch milliseconds of an `at` column, inside SQL. julianday() is a double: a whole minute can come
 * out as ...59999.99 and land in the previous minute's bucket, so it is rounded to the millisecond
 * (a double at today's dates resolves well under one).
 */
export const SQL_EPOCH_MS = "ROUND((julianday(at) - 2440587.5) * 86400000.0)";
