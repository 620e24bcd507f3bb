/**
 * One sampler tick's INSERT (100 samples) through the ways it can be written, same run (each
 * adds to the same growing history, 100 migrations' rows):
 *   npx tsx --conditions=react-server bench/monitor-insert.ts
 * CPU time per tick (process.cpuUsage), so load elsewhere does not count.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { applyMigrations, seedMigrations } from "./monitor-setup";

const TICKS = 300;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-bench-insert-"));
const file = path.join(dir, "ferry.db");
process.env.DATABASE_URL = `file:${file}`;
applyMigrations(file);
const ids = seedMigrations(file, 100, [1], [2]);

async function main() {
  const { insertSamples } = await import("../lib/monitor/insert-samples");
  const { buildSample } = await import("../lib/monitor/build-sample");
  const { db } = await import("../lib/db");
  const facts = { role: "primary" as const, masterOffset: 123456789, slaveOffset: null, linkUp: null, syncInProgress: null, syncReadBytes: null, syncTotalBytes: null, keys: 100000, memory: 2e8, ops: 1200, replicas: 1, persistence: {} as never };
  const tgt = { ...facts, role: "replica" as const, slaveOffset: 123456700, linkUp: true, syncInProgress: false };
  let slot = Date.now() - 10_000_000;
  const tick = () => ids.map((migrationId) => buildSample({ migrationId, at: new Date(slot), src: facts, tgt, withPersistence: false }));
  const measure = async (name: string, run: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++, slot += 1000) await run();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < TICKS; i++, slot += 1000) await run();
    const c = process.cpuUsage(c0);
    console.log(`${name}: ${((c.user + c.system) / 1000 / TICKS).toFixed(2)} ms CPU per tick, ${((performance.now() - t0) / TICKS).toFixed(2)} ms wall`);
    return (c.user + c.system) / TICKS;
  };
  const { settleSamples } = await import("../lib/monitor/settle-samples");
  let ticks = 0;
  // What the sampler runs: each tick into SampleHot, and once a minute what is over a minute old
  // moved into Sample (its share is counted in the ticks it serves).
  await measure("insertSamples into SampleHot + settleSamples every 60 ticks (what the sampler runs)", async () => {
    await insertSamples(tick());
    if (++ticks % 60 === 0) await settleSamples(slot - 60_000);
  });
  const { sampleInsertSql } = await import("../lib/monitor/insert-samples");
  const jsonSql = sampleInsertSql("sqlite", Object.keys(tick()[0]));
  const sqlValue = (v: unknown) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : typeof v === "boolean" ? +v : v);
  await measure("Prisma raw, multi-row VALUES with 2,000 parameters (the statement before)", () => {
    const rs = tick();
    const tuple = `(${Object.keys(rs[0]).map(() => "?").join(", ")})`;
    return db.$executeRawUnsafe(`INSERT OR IGNORE INTO Sample (${Object.keys(rs[0]).join(", ")}) VALUES ${rs.map(() => tuple).join(", ")}`, ...rs.flatMap((r) => Object.values(r).map(sqlValue)));
  });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL"); // as the sampler's own connection (direct-sqlite.ts)
  const rows = tick();
  const cols = Object.keys(rows[0]);
  const one = sqlite.prepare(`INSERT OR IGNORE INTO Sample (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`);
  const many = sqlite.transaction((rs: ReturnType<typeof tick>) => {
    for (const r of rs) one.run(...Object.values(r).map(sqlValue));
  });
  await measure("direct better-sqlite3 prepared statement x100 in a transaction, straight into Sample (the sampler before SampleHot)", async () => many(tick()));
  const jsonStmt = sqlite.prepare(jsonSql);
  await measure("direct better-sqlite3, one JSON parameter", async () => jsonStmt.run(JSON.stringify(tick().map((r) => Object.values(r).map(sqlValue)))));
  await measure("Prisma SELECT 1 (per-query floor)", () => db.$executeRawUnsafe("SELECT 1"));
  await measure("building the tick's rows alone", async () => JSON.stringify(tick().map((r) => Object.values(r))));
  sqlite.close();
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
}
void main();
