/**
 * Monitor performance against the ceilings of issue 6, measured in one run:
 *   npx tsx --conditions=react-server bench/monitor.ts [--seconds 60] [--migrations 100]
 * 1. One sampler in a child process samples 100 concurrent migrations (200 endpoints: 4 primaries
 *    under write load and their 4 REPLICAOF replicas, each migration with its own connections) at
 *    1 Hz; its CPU (from /proc/<pid>/stat over the window) and peak RSS (VmHWM) against 15% of one
 *    core and 300 MB.
 * 2. The samples API service over 24 h of 1 s samples (86,400 rows): 50 timed calls, p50/p95
 *    against 50 ms p95.
 */
import { spawn, spawnSync, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { applyMigrations } from "./apply-migrations";

// lib/ modules start with `import "server-only"`, which resolves only under react-server.
if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const r = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const CPU_CEILING_PCT = 15;
const RSS_CEILING_MB = 300;
const QUERY_CEILING_P95_MS = 50;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (process.argv.includes("--child")) void child();
else void main();

/** The measured process: nothing but the sampler. */
async function child() {
  const { startSampler } = await import("../lib/monitor/sampler");
  const sampler = startSampler({ intervalMs: 1_000, onTick: (t) => process.stdout.write(`${JSON.stringify(t)}\n`) });
  process.on("SIGTERM", () => void sampler.stop().then(() => process.exit(0)));
}

async function main() {
  const seconds = arg("seconds", 60);
  const migrations = arg("migrations", 100);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-bench-monitor-"));
  const file = path.join(dir, "ferry.db");
  process.env.DATABASE_URL = `file:${file}`;
  applyMigrations(file);
  const { startRedis, stopAllRedis } = await import("../lab/redis-process");
  const { redisAt } = await import("../lab/test-clients");
  let writing = true;
  try {
    const primaries = await Promise.all([0, 1, 2, 3].map((i) => startRedis({ name: `bench-p${i}` })));
    const replicas = await Promise.all([0, 1, 2, 3].map((i) => startRedis({ name: `bench-r${i}` })));
    await Promise.all(replicas.map((r, i) => redisAt(r.port).replicaof("127.0.0.1", primaries[i].port)));
    // ~250 writes/s per primary so every offset moves.
    const loads = primaries.map((p) => {
      const c = redisAt(p.port);
      return (async () => {
        for (let i = 0; writing; i++) {
          await c.set(`k:${i % 5000}`, `v${i}`).catch(() => {});
          if (i % 5 === 0) await sleep(20);
        }
        c.disconnect();
      })();
    });
    const ids = seedMigrations(file, migrations, primaries.map((p) => p.port), replicas.map((r) => r.port));
    console.log(`${migrations} migrations on ${migrations * 2} endpoints (4 primaries + 4 replicas, real redis-server ${execFileSync("redis-server", ["--version"]).toString().match(/v=([\d.]+)/)?.[1]})`);

    let samplerOk = true;
    if (!process.argv.includes("--query-only")) samplerOk = await measureSampler();
    async function measureSampler(): Promise<boolean> {
      // 1. sampler CPU and RSS
      const proc = spawn(process.execPath, [...process.execArgv, process.argv[1], "--child"], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
      const ticks: { stored: number; tookMs: number }[] = [];
      let buf = "";
      proc.stdout.on("data", (d) => {
        buf += d;
        for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
          ticks.push(JSON.parse(buf.slice(0, nl)));
          buf = buf.slice(nl + 1);
        }
      });
      const hz = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
      const cpuTicks = () => {
        const f = fs.readFileSync(`/proc/${proc.pid}/stat`, "utf8").split(") ")[1].split(" ");
        return Number(f[11]) + Number(f[12]); // utime + stime
      };
      await sleep(8_000); // start-up (tsx compile) and first connections are not the steady state
      const warm = ticks.length;
      const c0 = cpuTicks();
      const t0 = performance.now();
      await sleep(seconds * 1000);
      const c1 = cpuTicks();
      const wall = (performance.now() - t0) / 1000;
      const status = fs.readFileSync(`/proc/${proc.pid}/status`, "utf8");
      const hwmMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
      const window = ticks.slice(warm);
      proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
      const cpuPct = (((c1 - c0) / hz) / wall) * 100;
      const stored = window.reduce((n, t) => n + t.stored, 0);
      const tookP95 = percentile(window.map((t) => t.tookMs), 95);
      const sqlite = new Database(file, { readonly: true });
      const withLag = (sqlite.prepare(`SELECT COUNT(*) AS n FROM Sample WHERE lagBytes IS NOT NULL AND srcUp = 1 AND tgtUp = 1`).get() as { n: number }).n;
      const moving = (sqlite.prepare(`SELECT COUNT(DISTINCT srcOffset) AS n FROM Sample WHERE migrationId = ?`).get(ids[0]) as { n: number }).n;
      sqlite.close();
      console.log(`sampler: ${window.length} ticks in ${wall.toFixed(1)} s, ${stored} samples stored (${(stored / wall).toFixed(1)}/s, expected ${migrations}/s), tick p95 ${tookP95.toFixed(1)} ms; ${withLag} samples with both ends read and a lag; migration 0 saw ${moving} distinct source offsets`);
      console.log(`sampler CPU ${cpuPct.toFixed(1)}% of one core (ceiling ${CPU_CEILING_PCT}%, ratio ${(cpuPct / CPU_CEILING_PCT).toFixed(2)}) ${cpuPct <= CPU_CEILING_PCT ? "PASS" : "FAIL"}`);
      console.log(`sampler peak RSS ${hwmMb.toFixed(0)} MB (ceiling ${RSS_CEILING_MB} MB, ratio ${(hwmMb / RSS_CEILING_MB).toFixed(2)}) ${hwmMb <= RSS_CEILING_MB ? "PASS" : "FAIL"}`);
      const ok = cpuPct <= CPU_CEILING_PCT && hwmMb <= RSS_CEILING_MB && stored >= migrations * wall * 0.95;
      if (stored < migrations * wall * 0.95) console.log("FAIL: the sampler stored fewer samples than 1 Hz per migration");
      return ok;
    }
    writing = false;
    await Promise.all(loads);

    // 2. 24 h query
    const { insertSamplesFast } = await import("../lib/monitor/test-helpers/fixtures");
    const { querySamples } = await import("../lib/monitor/query-samples");
    const { getMonitorData } = await import("../lib/monitor/get-monitor-data");
    const { rollupSamples } = await import("../lib/monitor/rollup");
    const day = ids[ids.length - 1];
    const now = Date.now();
    const fresh = new Database(file);
    fresh.prepare(`DELETE FROM Sample WHERE migrationId = ?`).run(day);
    fresh.close();
    insertSamplesFast(file, day, Array.from({ length: 86_400 }, (_, i) => ({ atMs: now - (86_400 - i) * 1000, s: { srcOffset: i * 900, tgtOffset: i * 900 - (i % 50), lagBytes: i % 50, linkUp: true, srcKeys: 1e5 + (i % 7), tgtKeys: 1e5, srcMemory: 2e8, tgtMemory: 2e8 } })));
    let t = performance.now();
    await rollupSamples({ fromMs: now - 86_400_000, beforeMs: now - 3_000, migrationId: day });
    console.log(`minute rollups of the 86,400 samples written in ${(performance.now() - t).toFixed(0)} ms (the sampler does this a minute at a time)`);
    const service: number[] = [];
    const api: number[] = [];
    let points = 0;
    for (let i = 0; i < 50; i++) {
      t = performance.now();
      const r = await querySamples({ migrationId: day, range: "24h" });
      service.push(performance.now() - t);
      points = Math.max(points, r.columns.t.length);
      t = performance.now();
      await getMonitorData({ migrationId: day, range: "24h" });
      api.push(performance.now() - t);
    }
    const p = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms`;
    const p95 = percentile(api, 95);
    console.log(`querySamples 24h (86,400 stored -> ${points} points/series): ${p(service)}`);
    console.log(`getMonitorData 24h (what GET /samples runs: series + CloudWatch + events + gate): ${p(api)}`);
    console.log(`samples API 24h p95 ${p95.toFixed(1)} ms (ceiling ${QUERY_CEILING_P95_MS} ms, ratio ${(p95 / QUERY_CEILING_P95_MS).toFixed(2)}) ${p95 <= QUERY_CEILING_P95_MS && points <= 2000 ? "PASS" : "FAIL"}`);
    process.exitCode = samplerOk && p95 <= QUERY_CEILING_P95_MS && points <= 2000 ? 0 : 1;
  } finally {
    writing = false;
    await stopAllRedis();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((q / 100) * s.length) - 1)] ?? NaN;
}


/** Endpoint and Migration rows straight into SQLite: 2 endpoints per migration, state running. */
function seedMigrations(file: string, n: number, primaryPorts: number[], replicaPorts: number[]): string[] {
  const sqlite = new Database(file);
  const now = new Date().toISOString().replace("Z", "+00:00");
  const ep = sqlite.prepare(`INSERT INTO Endpoint (id, name, kind, host, port, createdAt, updatedAt) VALUES (?, ?, 'self-managed', '127.0.0.1', ?, ?, ?)`);
  const mig = sqlite.prepare(`INSERT INTO Migration (id, name, strategy, sourceId, targetId, state, createdAt, updatedAt) VALUES (?, ?, 'replicaof', ?, ?, 'running', ?, ?)`);
  const ids: string[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const pair = i % primaryPorts.length;
      ep.run(`src${i}`, `bench-src-${i}`, primaryPorts[pair], now, now);
      ep.run(`tgt${i}`, `bench-tgt-${i}`, replicaPorts[pair], now, now);
      mig.run(`mig${i}`, `bench-${i}`, `src${i}`, `tgt${i}`, now, now);
      ids.push(`mig${i}`);
    }
  })();
  sqlite.close();
  return ids;
}
