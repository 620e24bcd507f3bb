import "server-only";
import Database from "better-sqlite3";
import { env } from "../env";
import { sqliteFilePath } from "../db-url";
import { isSqliteBusy } from "../sqlite/retry-while-busy";

type TDirect = { file: string; run: (rows: unknown[][]) => number } | null;
let direct: TDirect | undefined;

/**
 * The tick's insert straight on a second better-sqlite3 connection to the same file (SQLite
 * only), skipping Prisma's per-query work: one prepared single-row INSERT run per sample inside
 * one transaction (bench/monitor-insert.ts: 1.9 ms of CPU per 100-row tick, against 2.9 ms for
 * the one-JSON-parameter statement on the same connection and 4.3 ms through Prisma). It can
 * neither block nor deadlock against Prisma's connection: busy timeout 0, one synchronous
 * transaction that holds no lock once it returns, and any lock held elsewhere (Prisma's open
 * transaction, another process's writer) answers SQLITE_BUSY at once, on which the transaction
 * rolls back, this returns null and the caller takes the Prisma path. Any other failure to open
 * the connection also means null, for good.
 */
export function insertSamplesDirect(rowSql: string, rows: unknown[][]): number | null {
  const file = sqliteFilePath(env().DATABASE_URL);
  if (direct === undefined || (direct && direct.file !== file)) direct = open(file, rowSql);
  if (!direct) return null;
  try {
    return direct.run(rows);
  } catch (err) {
    if (isSqliteBusy(err)) return null;
    throw err;
  }
}

function open(file: string, sql: string): TDirect {
  try {
    const conn = new Database(file, { fileMustExist: true, timeout: 0 });
    // Samples are telemetry: in WAL mode NORMAL still survives a crash of Ferry (only a power cut
    // may lose the last ticks) and saves the fsync of every tick's commit.
    conn.pragma("synchronous = NORMAL");
    const statement = conn.prepare(sql);
    const insertAll = conn.transaction((rows: unknown[][]) => {
      let changes = 0;
      for (const row of rows) changes += statement.run(row).changes;
      return changes;
    });
    return { file, run: insertAll };
  } catch {
    return null;
  }
}
