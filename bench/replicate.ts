/**
 * Key-level replication against native replication measured in the same run.
 *   npx tsx bench/replicate.ts [--keys N] [--live-sec N] [--writes N] [--batch N]
 * Loads N mixed keys (30% with TTLs) into a source, times a native REPLICAOF full sync of them to
 * one target, then the replicator's initial copy to another (keys/s, ratio to the native time),
 * then live apply under --writes writes/s on the source: lag p99 is the time from a probe SET on
 * the source to the key being readable on the target. RSS of this process is sampled throughout.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const r = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const GOAL_RATIO = 3;
const GOAL_LAG_P99_MS = 1_000;
const GOAL_RSS_MB = 300;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Cumulative CPU seconds of a process (utime + stime ticks of /proc/PID/stat, USER_HZ 100), to show where the copy's time goes. */
const cpuSec = (pid: number) => {
  const [utime, stime] = readFileSync(`/proc/${pid}/stat`, "latin1").split(") ")[1].split(" ").slice(11, 13).map(Number);
  return (utime + stime) / 100;
};

async function main() {
  const { startRedis, stopAllRedis } = await import("../lab/redis-process");
  const { copyByReplication } = await import("./verify-load");
  const { createReplicator } = await import("../lib/replicate");
  const { Redis } = await import("ioredis");
  const keys = arg("keys", 1_000_000);
  const liveSec = arg("live-sec", 15);
  const writesPerSec = arg("writes", 5_000);
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const [source, native, target] = await Promise.all([
    startRedis({ name: "bench-src", args: ["--repl-diskless-sync-delay", "0", "--notify-keyspace-events", "KEA"] }),
    startRedis({ name: "bench-native" }),
    startRedis({ name: "bench-tgt" }),
  ]);
  try {
    const loader = path.join(path.dirname(process.argv[1]), "verify-load.ts");
    const load = spawnSync(process.execPath, [...process.execArgv, loader, String(source.port), String(keys)], { stdio: "inherit" });
    if (load.status !== 0) throw new Error("loading failed");
    let t = Date.now();
    await copyByReplication(source, native, keys);
    const nativeMs = Date.now() - t;
    console.log(`native REPLICAOF full sync of ${keys} keys: ${nativeMs} ms`);

    const end = (p: { host: string; port: number }, label: string) => ({ redis: { host: p.host, port: p.port }, label });
    const replicator = createReplicator({
      source: end(source, "source"), target: end(target, "target"),
      options: { dbs: [0], copyMode: "auto", bigKeyBytes: 8 * 1024 * 1024, batchSize: arg("batch", 1000), maxBytesInFlight: 64 * 1024 * 1024 },
      onCheckpoint: async () => {}, onEvent: (e) => e.kind === "error" && console.log(`event ${e.kind}: ${e.message}`),
    });
    t = Date.now();
    const cpu = process.cpuUsage();
    const redisCpu = [source, target].map((r) => cpuSec(r.pid));
    await replicator.start();
    while (!replicator.stats().initialCopy.done) await sleep(20);
    const copyMs = Date.now() - t;
    const keysPerSec = Math.round((keys / copyMs) * 1000);
    const ratio = copyMs / nativeMs;
    const used = process.cpuUsage(cpu);
    const [srcSec, tgtSec] = [source, target].map((r, i) => cpuSec(r.pid) - redisCpu[i]);
    const [srcCpu, tgtCpu] = [srcSec, tgtSec].map((sec) => Math.round((sec * 100_000) / copyMs));
    // CPU per key moves less with other load on the machine than the wall time does.
    const usPerKey = (sec: number) => ((sec * 1e6) / keys).toFixed(1);
    console.log(`redis-server cpu during the copy: source ${srcCpu}%, target ${tgtCpu}% of one core; load average ${readFileSync("/proc/loadavg", "latin1").split(" ")[0]}`);
    console.log(`cpu per key: source ${usPerKey(srcSec)} µs, target ${usPerKey(tgtSec)} µs, node ${usPerKey((used.user + used.system) / 1e6)} µs`);
    console.log(`replicator initial copy: ${copyMs} ms, ${keysPerSec} keys/s, ${ratio.toFixed(2)}x native; node cpu ${Math.round(((used.user + used.system) / 1000 / copyMs) * 100)}% of one core; peak RSS so far ${mb(peakRss)} MB`);

    const src = new Redis({ host: source.host, port: source.port });
    const tgt = new Redis({ host: target.host, port: target.port });
    let writing = true;
    const writer = (async () => {
      const perTick = Math.round(writesPerSec / 100);
      for (let i = 0; writing; ) {
        const tick = Date.now();
        const p = src.pipeline();
        for (let j = 0; j < perTick; j++, i++) p.set(`live:${i % 100_000}`, String(i));
        await p.exec();
        await sleep(Math.max(0, 10 - (Date.now() - tick)));
      }
    })();
    const lags: number[] = [];
    const until = Date.now() + liveSec * 1000;
    for (let i = 0; Date.now() < until; i++) {
      const t0 = performance.now();
      await src.set(`probe:${i}`, "1");
      while ((await tgt.exists(`probe:${i}`)) === 0) await sleep(1);
      lags.push(performance.now() - t0);
      await sleep(20);
    }
    writing = false;
    await writer;
    lags.sort((a, b) => a - b);
    const p99 = Math.round(lags[Math.min(lags.length - 1, Math.floor(lags.length * 0.99))]);
    const stats = replicator.stats();
    console.log(`live: ${lags.length} probes under ${writesPerSec} writes/s, lag p50 ${Math.round(lags[Math.floor(lags.length / 2)])} ms p99 ${p99} ms; applied ${stats.live.appliedPerSec}/s, source writes ${stats.sourceWritesPerSec}/s`);
    await replicator.drain(30_000);
    const sample = await replicator.sampleCompare(1_000);
    console.log(`sampleCompare(1000): ${sample.compared} compared, ${sample.differences} differences`);
    await replicator.stop();
    src.disconnect();
    tgt.disconnect();
    clearInterval(sampler);
    const pass = ratio <= GOAL_RATIO && p99 < GOAL_LAG_P99_MS && peakRss < GOAL_RSS_MB * 1024 * 1024;
    console.log(`${pass ? "PASS" : "FAIL"}: ratio goal <= ${GOAL_RATIO}x, lag p99 goal < ${GOAL_LAG_P99_MS} ms, RSS goal < ${GOAL_RSS_MB} MB`);
    process.exitCode = pass ? 0 : 1;
    console.log(`replicate: ${keysPerSec} keys/s, ${ratio.toFixed(2)}x native full sync, lag p99 ${p99} ms, RSS ${mb(peakRss)} MB`);
  } finally {
    clearInterval(sampler);
    await stopAllRedis();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
