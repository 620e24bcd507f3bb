import "server-only";
import { db } from "../db";
import { dialect, rawSql } from "../db-dialect";
import type { TSampleInput } from "./build-sample";
import { sqlTime } from "./sql-time";
import { insertRowsDirect } from "./direct-sqlite";

/**
 * The tick's rows at once, into SampleHot (schema.prisma says why not straight into Sample;
 * settle-samples.ts moves them on). SQLite: straight on a second better-sqlite3 connection when
 * the database is free (direct-sqlite.ts, a prepared row INSERT per sample in one
 * transaction), else through Prisma as one JSON parameter (an array of row arrays) that SQLite
 * unpacks itself. Measured (bench/monitor-insert.ts, 100 rows, CPU per tick): Prisma 5.2-6.4 ms
 * for a 2,000-parameter multi-row INSERT, 3.6 ms for the JSON statement, 2.7 ms for the same
 * statement on better-sqlite3, 1.9-2.1 ms for the prepared rows. The SQL is the only
 * backend-specific part.
 */
export type TSampleInsertDialect = "sqlite" | "postgresql";

export function sampleInsertSql(dialect: TSampleInsertDialect, columns: readonly string[], rows = 1): string {
  if (dialect === "sqlite") {
    // `->>` with an integer is the array element as an SQL value (JSON true becomes 1, null NULL).
    // `OR IGNORE` on the (at, migrationId) key: a second sampler that sampled the same migration
    // in the same slot (a lease handed over late) stores nothing twice.
    return `INSERT OR IGNORE INTO SampleHot (${columns.join(", ")}) SELECT ${columns.map((_, i) => `value ->> ${i}`).join(", ")} FROM json_each(?)`;
  }
  // PostgreSQL: `rows` rows of placeholders (one JSON parameter would need a cast per column);
  // a tick of 100 rows x 20 columns stays far under PostgreSQL's 65,535 parameters.
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  return rawSql(`INSERT INTO SampleHot (${columns.join(", ")}) VALUES ${Array.from({ length: rows }, () => tuple).join(", ")} ON CONFLICT DO NOTHING`);
}

// A Record so that a field added to TSampleInput fails to compile until it is stored here too.
// Also the columns settle-samples.ts moves, and the view SampleAll's (both tables have them all).
const STORED: Record<keyof TSampleInput, true> = {
  migrationId: true, at: true, srcOffset: true, tgtOffset: true, lagBytes: true, linkUp: true, syncInProgress: true, syncReadBytes: true,
  syncTotalBytes: true, srcKeys: true, tgtKeys: true, srcMemory: true, tgtMemory: true, srcOps: true, tgtOps: true, srcReplicas: true,
  srcUp: true, tgtUp: true, persistence: true, repl: true, shards: true,
};
export const SAMPLE_COLUMNS = Object.keys(STORED) as (keyof TSampleInput)[];
const SQLITE_INSERT = sampleInsertSql("sqlite", SAMPLE_COLUMNS);
const SQLITE_ROW_INSERT = `INSERT OR IGNORE INTO SampleHot (${SAMPLE_COLUMNS.join(", ")}) VALUES (${SAMPLE_COLUMNS.map(() => "?").join(", ")})`;

/** Stores one tick's samples at once (one transaction of row INSERTs, or one statement). Returns the rows stored. */
export async function insertSamples(rows: TSampleInput[]): Promise<number> {
  if (rows.length === 0) return 0;
  if (dialect().name === "sqlite") {
    const values = rows.map((r) => SAMPLE_COLUMNS.map((c) => toJson(r[c])));
    // Straight on better-sqlite3 when the database is free (~2.4 ms of CPU a tick less), else Prisma.
    return insertRowsDirect(SQLITE_ROW_INSERT, values) ?? db.$executeRawUnsafe(SQLITE_INSERT, JSON.stringify(values));
  }
  return db.$executeRawUnsafe(sampleInsertSql("postgresql", SAMPLE_COLUMNS, rows.length), ...rows.flatMap((r) => SAMPLE_COLUMNS.map((c) => toJson(r[c]))));
}

// Every sample of a tick shares the tick's Date: spelled once, not once per row.
let lastAt: { date: Date; ms: number; text: string } | null = null;

function toJson(v: unknown): unknown {
  if (v instanceof Date) {
    if (lastAt?.date !== v || lastAt.ms !== v.getTime()) lastAt = { date: v, ms: v.getTime(), text: sqlTime(v) };
    return lastAt.text;
  }
  if (typeof v === "boolean") return v ? 1 : 0;
  return v ?? null;
}
