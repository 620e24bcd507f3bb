// Bench support: the checked-in migrations applied to a fresh SQLite file, the SQL production runs.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export function applyMigrations(file: string): void {
  const migrationsDir = path.resolve(import.meta.dirname, "..", "prisma", "migrations");
  const sqlite = new Database(file);
  for (const name of fs.readdirSync(migrationsDir).filter((n) => /^\d/.test(n)).sort()) sqlite.exec(fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"));
  sqlite.close();
}
