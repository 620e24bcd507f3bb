/**
 * Where a sampler tick's rows go, measured both ways in the same run:
 *   npx tsx --conditions=react-server bench/sample-hot.ts
 * - before: 100 rows a tick straight into Sample, each on its own migration's page of the
 *   (migrationId, at) index;
 * - now: the same rows appended to SampleHot, and every 60 ticks settleSamples moving what is over
 *   a minute old into Sample (its cost spread over the ticks it serves).
 * Both on the sampler's own direct connection (direct-sqlite.ts), each in a child process of its
 * own on a fresh database holding the same history (HISTORY_S seconds of 100 migrations),
 * alternated ROUNDS times. CPU time of the ticks alone (process.cpuUsage), so load elsewhere does
 * not count. Prints the ratio now / before.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { applyMigrations, percentile, seedMigrations } from "./monitor-setup";

const MIGRATIONS = 100;
const HISTORY_S = 2_000;
const TICKS = 1_200;
const ROUNDS = 3;
const COLUMNS = ["migrationId", "at", "srcOffset", "tgtOffset", "lagBytes", "linkUp", "syncInProgress", "srcKeys", "tgtKeys", "srcMemory", "tgtMemory", "srcOps", "tgtOps", "srcUp", "tgtUp"];
const rowInsert = (table: string) => `INSERT OR IGNORE INTO ${table} (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`;
const row = (migrationId: string, at: string, i: number) => [migrationId, at, 1e9 + i * 900, 1e9 + i * 900 - 40, 40, 1, 0, 1e5, 1e5, 2e8, 2e8, 1200, 1100, 1, 1];

/** One way in this process (a child): CPU ms per tick, printed as the last line. */
async function child(way: "before" | "now") {
  const { sqlTime } = await import("../lib/monitor/sql-time");

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-bench-hot-"));
  const file = path.join(dir, "ferry.db");
  applyMigrations(file);
  const ids = seedMigrations(file, MIGRATIONS, [1], [2]);
  const start = Date.now() - (HISTORY_S + TICKS + 60) * 1000;
  const seed = new Database(file);
  seed.pragma("journal_mode = WAL");
  const history = seed.prepare(rowInsert("Sample"));
  seed.transaction(() => {
    for (let s = 0; s < HISTORY_S; s++) for (const id of ids) history.run(...row(id, sqlTime(start + s * 1000), s));
  })();
  seed.pragma("wal_checkpoint(TRUNCATE)");
  seed.close();
  // Before the product's modules load: they read DATABASE_URL once (lib/env.ts).
  process.env.DATABASE_URL = `file:${file}`;
  const { insertRowsDirect } = await import("../lib/monitor/direct-sqlite");
  const { settleSamples } = await import("../lib/monitor/settle-samples");
  const sql = rowInsert(way === "before" ? "Sample" : "SampleHot");
  const slot0 = start + HISTORY_S * 1000;
  const c0 = process.cpuUsage();
  for (let i = 0; i < TICKS; i++) {
    const at = sqlTime(slot0 + i * 1000);
    if (insertRowsDirect(sql, ids.map((id) => row(id, at, HISTORY_S + i))) !== ids.length) throw new Error(`${way}: a tick was not stored`);
    if (way === "now" && i % 60 === 59) await settleSamples(slot0 + (i - 60) * 1000);
  }
  const c = process.cpuUsage(c0);
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ msPerTick: (c.user + c.system) / 1000 / TICKS }));
}

function main() {
  // The database URL is read once per process (lib/env.ts): each run gets a process of its own.
  const run = (way: string) => {
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1], "--child", way], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    if (r.status !== 0) throw new Error(`the ${way} run failed (exit ${r.status})`);
    return (JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { msPerTick: number }).msPerTick;
  };
  const ms = { before: [] as number[], now: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) for (const way of ["before", "now"] as const) ms[way].push(run(way));
  const median = (xs: number[]) => percentile(xs, 50);
  console.log(`${MIGRATIONS} rows a tick, ${TICKS} ticks on ${HISTORY_S} s x ${MIGRATIONS} migrations of history, ${ROUNDS} rounds alternated:`);
  console.log(`  straight into Sample (before): ${ms.before.map((x) => x.toFixed(2)).join(", ")} ms CPU per tick`);
  console.log(`  SampleHot + settle each minute (now): ${ms.now.map((x) => x.toFixed(2)).join(", ")} ms CPU per tick`);
  console.log(`sample-hot: ${(median(ms.now) / median(ms.before)).toFixed(2)}x the CPU per tick of storing straight into Sample (medians ${median(ms.now).toFixed(2)} / ${median(ms.before).toFixed(2)} ms)`);
}
const at = process.argv.indexOf("--child");
if (at > 0) void child(process.argv[at + 1] === "now" ? "now" : "before");
else main();
