import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { hashPassword } from "../lib/auth/password";
import { E2E } from "./env";

/**
 * Run by the e2e web server command before `next start`: a fresh database with a viewer and an
 * operator; the admin comes from FERRY_ADMIN_* at start-up.
 */
async function seed() {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(E2E.dbFile + suffix, { force: true });
  fs.rmSync(path.join(path.dirname(E2E.dbFile), "secret.key"), { force: true });
  execFileSync("node", ["scripts/migrate.mjs"], { env: { ...process.env, DATABASE_URL: `file:${E2E.dbFile}` }, stdio: "ignore" });
  const db = new Database(E2E.dbFile);
  const insert = db.prepare(`INSERT INTO "User" (id, email, name, role, passwordHash, updatedAt) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)`);
  for (const [role, u] of [["viewer", E2E.viewer], ["operator", E2E.operator]] as const) {
    insert.run(`seed-${role}`, u.email, `E2E ${role}`, role, await hashPassword(u.password));
  }
  db.close();
  fs.writeFileSync(
    E2E.credentialsFile,
    "[lab-b]\naws_access_key_id = AKIALABB222222222222\naws_secret_access_key = lab-secret-b-not-checked\n",
    { mode: 0o600 },
  );
}

seed().catch((err) => {
  console.error(err);
  process.exit(1);
});
