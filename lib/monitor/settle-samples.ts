import "server-only";
import { dialect } from "../db-dialect";
import { samplerTransaction } from "./direct-sqlite";
import { SAMPLE_COLUMNS } from "./insert-samples";
import { sqlTime } from "./sql-time";

const COLUMNS = SAMPLE_COLUMNS.join(", ");

// SQLite serializes writers, so nothing can slip into SampleHot between the copy and the delete
// of one transaction. PostgreSQL does not: a late tick committing in between would be deleted
// uncopied, so there the rows deleted are the rows copied, in one statement.
const SQLITE_MOVE = [
  `INSERT OR IGNORE INTO Sample (${COLUMNS}) SELECT ${COLUMNS} FROM SampleHot WHERE at < ? ORDER BY migrationId, at`,
  `DELETE FROM SampleHot WHERE at < ?`,
];
const POSTGRES_MOVE = `WITH moved AS (DELETE FROM SampleHot WHERE at < ? RETURNING ${COLUMNS})
  INSERT INTO Sample (${COLUMNS}) SELECT ${COLUMNS} FROM moved ORDER BY migrationId, at ON CONFLICT DO NOTHING`;

/**
 * Moves every sample older than `beforeMs` from SampleHot into Sample, in (migrationId, at)
 * order, in one transaction: a minute of one migration's rows lands on a page or two of Sample's
 * (migrationId, at) index, where a tick-by-tick insert touched one page per migration per tick
 * (schema.prisma, SampleHot). Readers never notice: the view SampleAll shows each row exactly once,
 * before and after. Any process may run it at any time; a row stored twice is kept once. Returns
 * the rows added to Sample.
 */
export async function settleSamples(beforeMs: number): Promise<number> {
  const cut = sqlTime(beforeMs);
  if (dialect().name === "sqlite") {
    const [moved] = await samplerTransaction(SQLITE_MOVE.map((sql) => ({ sql, params: [cut] })));
    return moved;
  }
  const [moved] = await samplerTransaction([{ sql: POSTGRES_MOVE, params: [cut] }]);
  return moved;
}
