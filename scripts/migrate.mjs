// Applies the checked-in Prisma migrations to the configured database (SQLite file by default).
// Runs before the app, the worker and the tests start; safe to run again (already applied = no-op).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const url = process.env.DATABASE_URL;
const file = url ? path.resolve(url.replace(/^file:(\/\/)?/, "")) : path.resolve("data", "ferry.db");
if (url && !url.startsWith("file:")) {
  console.error(`[ferry] Invalid setting DATABASE_URL: must be a SQLite file URL such as "file:./data/ferry.db"`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(file), { recursive: true });
const bin = path.resolve("node_modules", ".bin", "prisma");
const r = spawnSync(bin, ["migrate", "deploy"], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
if (r.status !== 0) {
  process.stderr.write(r.stdout + r.stderr);
  console.error(`[ferry] applying database migrations to ${file} failed`);
  process.exit(1);
}
const applied = /(\d+) migrations? found/.exec(r.stdout)?.[1];
console.log(`[ferry] database ready at ${file}${applied ? ` (${applied} migrations checked)` : ""}`);
