// Applies the checked-in Prisma migrations to the configured database: a SQLite file by default
// (prisma/migrations), or PostgreSQL when DATABASE_URL is postgresql://... (prisma/postgresql/migrations;
// prisma.config.ts picks). Runs before the app, the worker and the tests start; safe to run again.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { migratePostgres } from "./migrate-postgres.mjs";

const url = process.env.DATABASE_URL;
const postgres = !!url && /^postgres(ql)?:\/\//.test(url);
if (url && !postgres && !url.startsWith("file:")) {
  console.error(`[ferry] Invalid setting DATABASE_URL: must be a SQLite file URL such as "file:./data/ferry.db" or a postgresql:// URL`);
  process.exit(1);
}
if (postgres) {
  // Named without its credentials.
  const u = new URL(url);
  const where = `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  try {
    const { found, applied } = await migratePostgres(url);
    console.log(`[ferry] database ready at ${where} (${found} migrations checked, ${applied} applied)`);
    process.exit(0);
  } catch (err) {
    console.error(`[ferry] applying database migrations to ${where} failed: ${err.message}`);
    process.exit(1);
  }
}
const where = url ? path.resolve(url.replace(/^file:(\/\/)?/, "")) : path.resolve("data", "ferry.db");
fs.mkdirSync(path.dirname(where), { recursive: true });
const bin = path.resolve("node_modules", ".bin", "prisma");
const r = spawnSync(bin, ["migrate", "deploy"], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
if (r.status !== 0) {
  process.stderr.write(r.stdout + r.stderr);
  console.error(`[ferry] applying database migrations to ${where} failed`);
  process.exit(1);
}
const applied = /(\d+) migrations? found/.exec(r.stdout)?.[1];
console.log(`[ferry] database ready at ${where}${applied ? ` (${applied} migrations checked)` : ""}`);
