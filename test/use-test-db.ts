// Import first in a test file that touches the database: points DATABASE_URL at a fresh database
// and applies the checked-in migrations, exactly the SQL production runs. SQLite by default (a
// temp file); with FERRY_TEST_POSTGRES_URL (scripts/test.sh sets it to a throwaway cluster) a new
// PostgreSQL database per test file, so files running in parallel workers never share one.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-test-db-"));
const file = path.join(dir, "ferry.db");
const postgresAdmin = process.env.FERRY_TEST_POSTGRES_URL;

function migrationScripts(migrationsDir: string): string[] {
  return fs.readdirSync(migrationsDir).filter((n) => /^\d/.test(n)).sort().map((n) => fs.readFileSync(path.join(migrationsDir, n, "migration.sql"), "utf8"));
}

async function createPostgresDatabase(adminUrl: string): Promise<string> {
  const name = `ferry_test_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (const sql of migrationScripts(path.resolve(import.meta.dirname, "..", "prisma", "postgresql", "migrations"))) await client.query(sql);
  } finally {
    await client.end();
  }
  // Left behind for the cluster's removal at the end of the run (dropping needs every connection closed).
  return url.toString();
}

if (postgresAdmin) {
  process.env.DATABASE_URL = await createPostgresDatabase(postgresAdmin);
  // PostgreSQL has no generated key file (lib/env.ts): each file gets its own key, as a deployment would.
  process.env.FERRY_SECRET_KEY ??= crypto.randomBytes(32).toString("hex");
} else {
  process.env.DATABASE_URL = `file:${file}`;
  const sqlite = new Database(file);
  for (const sql of migrationScripts(path.resolve(import.meta.dirname, "..", "prisma", "migrations"))) sqlite.exec(sql);
  sqlite.close();
}

process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));

/** The SQLite file (SQLite runs only); its directory is the test's own temp dir in both cases. */
export const testDbFile = file;
