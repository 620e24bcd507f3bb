// Import first in a test file that touches the database: points DATABASE_URL at a fresh SQLite
// file and applies the checked-in migrations, exactly the SQL production runs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-test-db-"));
const file = path.join(dir, "ferry.db");
process.env.DATABASE_URL = `file:${file}`;

const migrationsDir = path.resolve(import.meta.dirname, "..", "prisma", "migrations");
const sqlite = new Database(file);
for (const name of fs.readdirSync(migrationsDir).filter((n) => /^\d/.test(n)).sort()) {
  sqlite.exec(fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"));
}
sqlite.close();

process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));

export const testDbFile = file;
