import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { E2E } from "./env";

/**
 * Run by the e2e web server command before `next start`: a fresh database with a viewer and an
 * operator; the admin comes from FERRY_ADMIN_* at start-up.
 */
async function seed() {
  const users = [];
  for (const [role, u] of [["viewer", E2E.viewer], ["operator", E2E.operator]] as const) {
    users.push([`seed-${role}`, u.email, `E2E ${role}`, role, await hashPassword(u.password)]);
  }
  fs.mkdirSync(path.dirname(E2E.dbFile), { recursive: true });
  if (E2E.postgresUrl) await seedPostgres(E2E.postgresUrl, users);
  else seedSqlite(users);
  fs.writeFileSync(
    E2E.credentialsFile,
    "[lab-b]\naws_access_key_id = AKIALABB222222222222\naws_secret_access_key = lab-secret-b-not-checked\n",
    { mode: 0o600 },
  );
}

const INSERT_USER = `INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt") VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)`;

function seedSqlite(users: string[][]) {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(E2E.dbFile + suffix, { force: true });
  fs.rmSync(path.join(path.dirname(E2E.dbFile), "secret.key"), { force: true });
  execFileSync("node", ["scripts/migrate.mjs"], { env: { ...process.env, DATABASE_URL: `file:${E2E.dbFile}` }, stdio: "ignore" });
  const db = new Database(E2E.dbFile);
  const insert = db.prepare(INSERT_USER);
  for (const u of users) insert.run(...u);
  db.close();
}

/** The same on PostgreSQL: an empty schema, the checked-in migrations, the users. */
async function seedPostgres(url: string, users: string[][]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public`);
    execFileSync("node", ["scripts/migrate.mjs"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
    let n = 0;
    const insert = INSERT_USER.replace(/\?/g, () => `$${++n}`);
    for (const u of users) await client.query(insert, u);
  } finally {
    await client.end();
  }
}

seed().catch((err) => {
  console.error(err);
  process.exit(1);
});
