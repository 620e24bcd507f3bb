/**
 * The README's split deployment on one SQLite file, measured in one run:
 *   npx tsx --conditions=react-server bench/db-writes.ts [--seconds 60] [--rate 50]
 * A "web" process (audit events, sign-in sessions, transactions that roll back on purpose) and a
 * "worker" process (samples, lease-checked transactions storing differences, audit events), three
 * writers each, each offered `rate` writes a second (300/s in all by default, three times what a
 * sampler on 100 migrations writes) for the whole window; a writer that falls behind writes
 * back to back. Printed: writes per second, errors
 * (goal 0), rows missing from what each process was told was written (goal 0), rows left by the
 * rolled-back transactions (goal 0), and each process's event-loop delay p99 against 100 ms,
 * beside that of an idle process in the same window (the machine's own share of the delay).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { applyMigrations } from "./apply-migrations";

// lib/ modules start with `import "server-only"`, which resolves only under react-server.
if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const r = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const LOOP_DELAY_GOAL_MS = 100;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

type TIds = { userId: string; migrationId: string; runId: string };
type TReport = { role: string; acked: Record<string, number>; errors: number; firstError?: string; p99Ms: number; maxMs: number };

class Refused extends Error {}

const role = process.argv[process.argv.indexOf("--child") + 1];
if (process.argv.includes("--child")) void child(role, arg("seconds", 60), arg("rate", 50));
else void main();

async function child(who: string, seconds: number, rate: number) {
  if (who === "control") return control(seconds);
  const ids = JSON.parse(process.env.BENCH_IDS!) as TIds;
  const { db } = await import("../lib/db");
  const { recordEvent } = await import("../lib/events/record-event");
  const { createSession } = await import("../lib/auth/sessions");
  const acked: Record<string, number> = {};
  let errors = 0;
  let firstError: string | undefined;
  const until = Date.now() + seconds * 1000;
  const loop = async (name: string, write: () => Promise<number>) => {
    const started = Date.now();
    let n = 0;
    while (Date.now() < until) {
      try {
        acked[name] = (acked[name] ?? 0) + (await write());
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
      // Each write is its own request in a server: back to the event loop in between (a chain of
      // already-settled promises would otherwise starve timers and measure nothing real), and
      // paced to the offered rate when ahead of it.
      const due = started + (++n * 1000) / rate;
      await new Promise((resolve) => (due > Date.now() ? setTimeout(resolve, due - Date.now()) : setImmediate(resolve)));
    }
  };
  // Prisma compiles its query engine on the first query; a server does that once at start-up.
  await db.event.count();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const audit = () => recordEvent({ type: "bench.audit", message: `${who} wrote`, migrationId: ids.migrationId }).then(() => 1);
  const loops =
    who === "web"
      ? [
          loop("audit", audit),
          loop("sessions", () => createSession(ids.userId).then(() => 1)),
          // A refused request: its own write must vanish, and nobody else's with it.
          loop("refused", () =>
            db
              .$transaction(async (tx) => {
                await tx.event.create({ data: { type: "bench.rolled-back", message: "must not survive" } });
                throw new Refused();
              })
              .catch((err: unknown) => {
                if (err instanceof Refused) return 1;
                throw err;
              }),
          ),
        ]
      : [
          loop("audit", audit),
          loop("samples", () => db.sample.create({ data: { migrationId: ids.migrationId, at: new Date(), srcOffset: 1, tgtOffset: 1 } }).then(() => 1)),
          // The verification store's shape: a lease check and the rows it guards, together.
          loop("mismatches", () =>
            db.$transaction(async (tx) => {
              const held = await tx.verificationRun.updateMany({ where: { id: ids.runId, leaseOwner: "bench-worker" }, data: { leaseUntil: new Date(Date.now() + 60_000) } });
              if (held.count !== 1) throw new Error("lease lost");
              const rows = Array.from({ length: 5 }, (_, i) => ({ verificationId: ids.runId, db: 0, keyBase64: "a2V5", keyDisplay: `key${i}`, status: "VALUE", detail: "" }));
              await tx.mismatch.createMany({ data: rows });
              return rows.length;
            }),
          ),
        ];
  await Promise.all(loops);
  delay.disable();
  const report: TReport = { role: who, acked, errors, firstError, p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6 };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  await db.$disconnect();
}

/** The same measurement in a process that touches no database: what the machine's load alone costs. */
async function control(seconds: number) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  delay.disable();
  const report: TReport = { role: "idle", acked: {}, errors: 0, p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6 };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function main() {
  const seconds = arg("seconds", 60);
  const rate = arg("rate", 50);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-bench-db-"));
  const file = path.join(dir, "ferry.db");
  process.env.DATABASE_URL = `file:${file}`;
  applyMigrations(file);
  try {
    const { db } = await import("../lib/db");
    const user = await db.user.create({ data: { email: "bench@ferry.test", name: "Bench", role: "operator", passwordHash: "x" } });
    const endpoint = (name: string) => db.endpoint.create({ data: { name, kind: "self-managed", host: "127.0.0.1", port: 1 } });
    const [source, target] = [await endpoint("bench-src"), await endpoint("bench-tgt")];
    const migration = await db.migration.create({ data: { name: "bench", strategy: "replicaof", state: "running", sourceId: source.id, targetId: target.id } });
    const run = await db.verificationRun.create({ data: { migrationId: migration.id, status: "running", leaseOwner: "bench-worker", leaseUntil: new Date(Date.now() + 60_000) } });
    await db.$disconnect();
    const ids: TIds = { userId: user.id, migrationId: migration.id, runId: run.id };

    console.log(`web + worker processes writing to one SQLite file for ${seconds} s, each of their 3 writers offered ${rate} writes/s...`);
    const [idle, ...reports] = await Promise.all(["control", "web", "worker"].map((who) => runChild(who, seconds, rate, ids)));

    const { default: Database } = await import("better-sqlite3");
    const sqlite = new Database(file, { readonly: true });
    const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    const stored = {
      audit: count("SELECT COUNT(*) AS n FROM Event WHERE type = 'bench.audit'"),
      sessions: count("SELECT COUNT(*) AS n FROM Session"),
      samples: count("SELECT COUNT(*) AS n FROM Sample"),
      mismatches: count("SELECT COUNT(*) AS n FROM Mismatch"),
    };
    const leftByRollback = count("SELECT COUNT(*) AS n FROM Event WHERE type = 'bench.rolled-back'");
    const journal = (sqlite.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode;
    sqlite.close();

    const acked = (name: string) => reports.reduce((sum, r) => sum + (r.acked[name] ?? 0), 0);
    let missing = 0;
    for (const [name, rows] of Object.entries(stored)) missing += Math.max(0, acked(name) - rows);
    const errors = reports.reduce((sum, r) => sum + r.errors, 0);
    const total = reports.reduce((sum, r) => sum + Object.values(r.acked).reduce((a, b) => a + b, 0), 0);
    console.log(`journal mode: ${journal}`);
    for (const r of reports) {
      const rates = Object.entries(r.acked).map(([k, v]) => `${k} ${(v / seconds).toFixed(0)}/s`).join(", ");
      console.log(`${r.role.padEnd(6)} ${rates}; errors ${r.errors}${r.firstError ? ` (first: ${r.firstError})` : ""}`);
      console.log(`${r.role.padEnd(6)} event-loop delay p99 ${r.p99Ms.toFixed(1)} ms (max ${r.maxMs.toFixed(1)} ms) / goal ${LOOP_DELAY_GOAL_MS} ms = ${(r.p99Ms / LOOP_DELAY_GOAL_MS).toFixed(2)}`);
    }
    console.log(`idle   event-loop delay p99 ${idle.p99Ms.toFixed(1)} ms (max ${idle.maxMs.toFixed(1)} ms): a process without database work on this machine, same window`);
    console.log(`acknowledged ${total} writes (${(total / seconds).toFixed(0)}/s); errors ${errors} (goal 0); acknowledged but missing ${missing} (goal 0); rows left by rolled-back transactions ${leftByRollback} (goal 0)`);
    const ok = errors === 0 && missing === 0 && leftByRollback === 0 && journal === "wal" && reports.every((r) => r.p99Ms <= LOOP_DELAY_GOAL_MS);
    console.log(ok ? "PASS" : "FAIL");
    process.exitCode = ok ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(who: string, seconds: number, rate: number, ids: TIds): Promise<TReport> {
  const proc = spawn(process.execPath, [...process.execArgv, process.argv[1], "--child", who, "--seconds", String(seconds), "--rate", String(rate)], {
    env: { ...process.env, BENCH_IDS: JSON.stringify(ids), FERRY_RUNNER: "off" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  proc.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) =>
    proc.on("exit", (code) => {
      const line = out.trim().split("\n").pop();
      if (code === 0 && line) resolve(JSON.parse(line) as TReport);
      else reject(new Error(`${who} process exited with ${code}: ${out}`));
    }),
  );
}
