import "server-only";
import { db } from "../db";
import { rawSql } from "../db-dialect";
import type { TSampleInput } from "./build-sample";
import { sqlTime } from "./sql-time";

// SQLite binds at most 32,766 parameters per statement; a tick of 500 migrations is ~10,000.
const ROWS_PER_STATEMENT = 500;

/**
 * Stores one tick's samples in one multi-row INSERT (per 500 rows), in one transaction. Columns
 * come from the rows themselves, so a field added to TSampleInput is stored without touching this
 * file. `ON CONFLICT DO NOTHING` on the (migrationId, at) key: a second sampler that sampled the same
 * migration in the same slot (a lease handed over late) stores nothing twice. Returns rows stored.
 */
export async function insertSamples(rows: TSampleInput[]): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0]) as (keyof TSampleInput)[];
  const statements = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const r of chunk) for (const c of columns) params.push(toSql(r[c]));
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    statements.push(db.$executeRawUnsafe(rawSql(`INSERT INTO Sample (${columns.join(", ")}) VALUES ${chunk.map(() => tuple).join(", ")} ON CONFLICT DO NOTHING`), ...params));
  }
  const counts = statements.length === 1 ? [await statements[0]] : await db.$transaction(statements);
  return counts.reduce((n, c) => n + c, 0);
}

function toSql(v: unknown): unknown {
  if (v instanceof Date) return sqlTime(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  return v ?? null;
}
