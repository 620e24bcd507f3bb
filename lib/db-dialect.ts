import { isPostgresUrl } from "./db-url";

/**
 * Everything raw SQL needs to know about the database it runs on. Raw SQL in lib/ is written once,
 * SQLite-style (`?` placeholders, bare camelCase names such as Sample.migrationId), passed through
 * `rawSql`, and uses these helpers where the two databases spell a thing differently.
 */
export type TDialect = {
  name: "sqlite" | "postgresql";
  /** Epoch milliseconds of a DateTime column, as a whole number. */
  epochMs(column: string): string;
  /** floor(a / b) for a >= 0, as a whole number. */
  floorDiv(a: string, b: string): string;
  /** The smaller of two numbers (SQLite's two-argument MIN). */
  least(a: string, b: string): string;
  /** A Boolean column as 0/1, for SUM and MIN. */
  int(column: string): string;
  /** A DateTime value for a count of whole minutes since the epoch. */
  minuteAt(minutes: string): string;
  /** An aggregate packing the rows' columns into one JSON array of arrays (text). */
  jsonRows(columns: readonly string[]): string;
};

const SQLITE: TDialect = {
  name: "sqlite",
  // julianday() is a double: a whole minute can come out as ...59999.99, so it is rounded.
  epochMs: (c) => `ROUND((julianday(${c}) - 2440587.5) * 86400000.0)`,
  floorDiv: (a, b) => `CAST((${a}) / (${b}) AS INTEGER)`,
  least: (a, b) => `MIN(${a}, ${b})`,
  int: (c) => c,
  // Prisma's SQLite adapter stores DateTime as ISO text with "+00:00" (see sqlTime).
  minuteAt: (m) => `strftime('%Y-%m-%dT%H:%M:00.000+00:00', (${m}) * 60, 'unixepoch')`,
  jsonRows: (cols) => `json_group_array(json_array(${cols.join(", ")}))`,
};

const POSTGRESQL: TDialect = {
  name: "postgresql",
  // DateTime columns are timestamp(3) without time zone holding UTC (sessions run in UTC).
  epochMs: (c) => `ROUND(EXTRACT(EPOCH FROM ${c}) * 1000)`,
  floorDiv: (a, b) => `FLOOR((${a}) / (${b}))`,
  least: (a, b) => `LEAST(${a}, ${b})`,
  int: (c) => `CAST(${c} AS INTEGER)`,
  minuteAt: (m) => `(TIMESTAMP 'epoch' + CAST(${m} AS DOUBLE PRECISION) * INTERVAL '1 minute')`,
  jsonRows: (cols) => `CAST(json_agg(json_build_array(${cols.join(", ")})) AS TEXT)`,
};

/** The dialect of DATABASE_URL (read each time: tests point it at their own database before use). */
export function dialect(): TDialect {
  return isPostgresUrl(process.env.DATABASE_URL) ? POSTGRESQL : SQLITE;
}

const translated = new Map<string, string>();

/**
 * SQLite-style raw SQL as the current database reads it. For PostgreSQL: `?` becomes `$1`, `$2`...
 * and every bare mixed-case word (a model or field name: keywords are written in capitals,
 * functions in lower case) is double-quoted, since PostgreSQL folds bare names to lower case.
 * String literals and already quoted names are left alone.
 */
export function rawSql(text: string): string {
  if (dialect().name === "sqlite") return text;
  let out = translated.get(text);
  if (out === undefined) {
    out = toPostgres(text);
    // Texts differ only by the length of IN (...) lists and batches: a small, bounded set.
    if (translated.size >= 1_000) translated.clear();
    translated.set(text, out);
  }
  return out;
}

function quoteMixedCase(word: string): string {
  return /[a-z]/.test(word) && /[A-Z]/.test(word) ? `"${word}"` : word;
}

function toPostgres(text: string): string {
  let n = 0;
  return text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?|[A-Za-z_][A-Za-z0-9_]*/g, (token) => {
    if (token === "?") return `$${++n}`;
    if (token[0] === "'" || token[0] === '"') return token;
    return quoteMixedCase(token);
  });
}
