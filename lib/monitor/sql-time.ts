import { dialect } from "../db-dialect";

/**
 * Prisma's SQLite adapter stores DateTime as ISO text with "+00:00" (e.g.
 * 2026-11-24T10:00:00.000+00:00). Raw SQL that compares or writes `at` columns must use the same
 * spelling, or string comparison (which the (migrationId, at) index serves) goes wrong. PostgreSQL reads the
 * same text as the UTC timestamp it names.
 */
export function sqlTime(ms: number | Date): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}

/** Epoch milliseconds of an `at` column, inside SQL (rounded to the millisecond, see the dialect). */
export const SQL_EPOCH_MS = dialect().epochMs("at");
