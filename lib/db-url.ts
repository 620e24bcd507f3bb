import path from "node:path";

/** Where the embedded SQLite database lives when DATABASE_URL is unset. */
export const DEFAULT_SQLITE_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "data", "ferry.db");

/** A PostgreSQL connection URL (postgres:// or postgresql://) rather than a SQLite file. */
export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/**
 * Resolves DATABASE_URL (unset, `file:relative.db` or `file:/abs.db`) to a SQLite file path.
 * Relative paths are taken from the working directory, like every other path Ferry reads.
 */
export function sqliteFilePath(url: string | undefined): string {
  if (!url) return DEFAULT_SQLITE_FILE;
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a file: URL for SQLite, got "${url.split(":")[0]}:..."`);
  const p = url.slice("file:".length).replace(/^\/\//, "");
  if (!p) throw new Error("DATABASE_URL file: URL has no path");
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), p);
}
