import "server-only";
import { db } from "../db";
import { rawSql } from "../db-dialect";

/**
 * SQL condition for a write that could take an admin away: it holds only while some other enabled
 * admin remains. Inside the UPDATE itself, so two admins demoting or disabling each other at once
 * cannot both pass a check made before either write (the second finds no other admin and changes nothing).
 * Bind the user's id for the `?`.
 */
export const ANOTHER_ENABLED_ADMIN = `EXISTS (SELECT 1 FROM "User" o WHERE o."role" = 'admin' AND o."disabledAt" IS NULL AND o."id" <> ?)`;

/**
 * Runs such a conditional write in a transaction, and so after every earlier one has committed
 * (transactions run one at a time: SQLite's single writer, PostgreSQL's advisory lock in
 * lib/postgres). A bare UPDATE would do on SQLite, but PostgreSQL's READ COMMITTED would let two
 * concurrent ones each see the other admin still enabled. Returns the rows changed.
 */
export function writeKeepingAnAdmin(sql: string, ...params: unknown[]): Promise<number> {
  return db.$transaction((tx) => tx.$executeRawUnsafe(rawSql(sql), ...params));
}
