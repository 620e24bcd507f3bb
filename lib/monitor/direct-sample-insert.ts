import "server-only";
import Database from "better-sqlite3";
import { env } from "../env";
import { sqliteFilePath } from "../db-url";
import { isSqliteBusy } from "../sqlite/retry-while-busy";

type TDirect = { file: string; run: (json: string) => number } | null;
let direct: TDirect | undefined;

/**
 * The tick's insert straight on a second better-sqlite3 connection to the same file (SQLite
 * only), skipping Prisma's per-query work. It can neither block nor deadlock against Prisma's
 * connection: busy timeout 0, one synchronous autocommit statement that holds no lock once it
 * returns, and any lock held elsewhere (Prisma's open transaction, another process's writer)
 * answers SQLITE_BUSY at once, on which this returns null and the caller takes the Prisma path.
 * Any other failure to open the connection also means null, for good.
 */
export function insertSamplesDirect(sql: string, json: string): number | null {
  const file = sqliteFilePath(env().DATABASE_URL);
  if (direct === undefined || (direct && direct.file !== file)) direct = open(file, sql);
  if (!direct) return null;
  try {
    return direct.run(json);
  } catch (err) {
    if (isSqliteBusy(err)) return null;
    throw err;
  }
}

function open(file: string, sql: string): TDirect {
  try {
    const conn = new Database(file, { fileMustExist: true, timeout: 0 });
    const statement = conn.prepare(sql);
    return { file, run: (json) => statement.run(json).changes };
  } catch {
    return null;
  }
}
