import "server-only";
import Database from "better-sqlite3";
import { env } from "../env";
import { sqliteFilePath } from "../db-url";
import { dialect, rawSql } from "../db-dialect";
import { db } from "../db";
import { isSqliteBusy } from "../sqlite/retry-while-busy";

type TDirect = {
  file: string;
  conn: Database.Database;
  statements: Map<string, Database.Statement>;
  /** The insert's transaction per row statement, built once (better-sqlite3 builds a wrapper per call to transaction()). */
  inserts: Map<string, (rows: unknown[][]) => number>;
  /** Transactions of several statements (samplerTransaction), built once per list of statements. */
  batches: Map<string, (params: unknown[][]) => number[]>;
};
let direct: TDirect | null | undefined;

/**
 * The sampler's own SQL straight on a second better-sqlite3 connection to the same file (SQLite
 * only): its tick's insert, its refresh and its lease round, each statement prepared once. Through
 * Prisma these few statements a second cost the sampler more than its INFO reads (bench/monitor.ts
 * under perf: the query engine's work per statement, and V8 still optimizing Prisma's code minutes
 * after start, since a path run every 5 s warms slowly); bench/monitor-insert.ts: 1.9 ms of CPU
 * per 100-row tick direct, against 4.3 ms through Prisma. It can neither block nor deadlock
 * against Prisma's connection: busy timeout 0, synchronous statements that hold no lock once they
 * return, and any lock held elsewhere (Prisma's open transaction, another process's writer)
 * answers SQLITE_BUSY at once, on which the statement (or the insert's transaction) has changed
 * nothing and the caller takes the Prisma path. On PostgreSQL, or when the file cannot be opened,
 * everything goes through Prisma.
 */
function connection(): TDirect | null {
  if (dialect().name !== "sqlite") return null;
  const file = sqliteFilePath(env().DATABASE_URL);
  if (direct === undefined || (direct && direct.file !== file)) {
    direct?.conn.close(); // tests point DATABASE_URL at a file of their own
    direct = open(file);
  }
  return direct;
}

function open(file: string): TDirect | null {
  try {
    const conn = new Database(file, { fileMustExist: true, timeout: 0 });
    // Samples are telemetry: in WAL mode NORMAL still survives a crash of Ferry (only a power cut
    // may lose the last ticks) and saves the fsync of every tick's commit.
    conn.pragma("synchronous = NORMAL");
    return { file, conn, statements: new Map(), inserts: new Map(), batches: new Map() };
  } catch {
    return null;
  }
}

function prepared(d: TDirect, sql: string): Database.Statement {
  let s = d.statements.get(sql);
  if (!s) {
    // IN (...) lists vary in length: a bounded cache.
    if (d.statements.size >= 200) d.statements.clear();
    d.statements.set(sql, (s = d.conn.prepare(sql)));
  }
  return s;
}

/** Runs `sql` directly when it can; null means "busy or not SQLite: take the other path". */
function attempt<T>(run: (d: TDirect) => T): T | null {
  const d = connection();
  if (!d) return null;
  try {
    return run(d);
  } catch (err) {
    if (isSqliteBusy(err)) return null;
    throw err;
  }
}

/** A write statement written SQLite-style (see db-dialect.ts); resolves with the rows changed. */
export async function samplerExec(sql: string, ...params: unknown[]): Promise<number> {
  return attempt((d) => prepared(d, sql).run(...params).changes) ?? db.$executeRawUnsafe(rawSql(sql), ...params);
}

/** A read statement written SQLite-style. */
export async function samplerQuery<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  return attempt((d) => prepared(d, sql).all(...params) as T[]) ?? db.$queryRawUnsafe<T[]>(rawSql(sql), ...params);
}

/**
 * One prepared row INSERT per row inside one transaction; null when the direct path is not
 * available (the transaction rolled back on busy, nothing stored).
 */
export function insertRowsDirect(rowSql: string, rows: unknown[][]): number | null {
  return attempt((d) => {
    let insertAll = d.inserts.get(rowSql);
    if (!insertAll) {
      const statement = prepared(d, rowSql);
      insertAll = d.conn.transaction((rs: unknown[][]) => {
        let changes = 0;
        for (const row of rs) changes += statement.run(row).changes;
        return changes;
      });
      d.inserts.set(rowSql, insertAll);
    }
    return insertAll(rows);
  });
}

/**
 * Several write statements (SQLite-style) in one transaction, each with its own parameters;
 * resolves with the rows each changed. Directly when the database is free, else through one
 * Prisma transaction: either way all or nothing.
 */
export async function samplerTransaction(statements: readonly { sql: string; params: unknown[] }[]): Promise<number[]> {
  const direct = attempt((d) => {
    const key = statements.map((s) => s.sql).join(";\n");
    let run = d.batches.get(key);
    if (!run) {
      const each = statements.map((s) => prepared(d, s.sql));
      run = d.conn.transaction((params: unknown[][]) => each.map((p, i) => p.run(...params[i]).changes));
      if (d.batches.size >= 20) d.batches.clear();
      d.batches.set(key, run);
    }
    return run(statements.map((s) => s.params));
  });
  if (direct) return direct;
  return db.$transaction(async (tx) => {
    const changed: number[] = [];
    for (const s of statements) changed.push(await tx.$executeRawUnsafe(rawSql(s.sql), ...s.params));
    return changed;
  });
}
