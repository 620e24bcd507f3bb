/**
 * Verification throughput against the server ceiling measured in the same run.
 *   npx tsx bench/verify.ts [--keys N] [--batch N] [--depth N] [--script 0|1] [--big-keys N --big-mb M] [--no-memory 1] [--populate 1]
 * Loads the same N mixed keys (30% with TTLs) into two redis-server instances (load one, copy
 * with REPLICAOF, then REPLICAOF NO ONE), measures `redis-benchmark -P 64 DUMP` on one of them,
 * --populate 1 seeds N 32-byte strings with DEBUG POPULATE instead (10M keys in seconds; the
 * throwaway source runs with the debug command on), for the 10M-key figure;
 * verifies in full-value mode (1 round) and prints keys/s, keys/s / (ceiling / 2) and peak RSS.
 * ceiling / 2 because the pipelined engine needs two server commands per key per end at the least
 * (kept as the yardstick for the read-script path, which sends one EVALSHA_RO per 500 keys).
 * --big-keys/--big-mb add strings of that size (issue 13: 50 x 50 MB + 1M small, RSS < 300 MB);
 * --no-memory 1 verifies as an ACL user without MEMORY (sizes then come from STRLEN/HLEN/...).
 * Where the source's time goes (bench/verify-costs.ts, 1M keys, load 0.8, Redis 7.0): SCAN 0.91
 * µs/key plus MEMORY USAGE + PTTL + DUMP 2.63 µs/key, so one source core caps this design near
 * 280K keys/s, about 0.33 of a 1.7M/s ceiling / 2, before the target and Node share the cores.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

// lib/ modules start with `import "server-only"`, which only resolves under the react-server
// condition; re-run this script under it rather than weaken the guard.
if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const r = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const GOAL_KEYS_PER_SEC = 150_000;
const GOAL_RATIO = 0.5;
const GOAL_RSS_MB = 300;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main() {
  const { startRedis, stopAllRedis } = await import("../lab/redis-process");
  const { compareKeyspaces } = await import("../lib/verify/engine/compare-keyspaces");
  const { copyByReplication } = await import("./verify-load");
  const keys = arg("keys", 1_000_000);
  const [bigKeys, bigMb] = [arg("big-keys", 0), arg("big-mb", 0)];
  const populate = arg("populate", 0) === 1;
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const [source, target] = await Promise.all([
    startRedis({ name: "bench-src", args: ["--repl-diskless-sync-delay", "0", ...(populate ? ["--enable-debug-command", "yes"] : [])] }),
    startRedis({ name: "bench-tgt" }),
  ]);
  try {
    let t = Date.now();
    const loader = path.join(path.dirname(process.argv[1]), "verify-load.ts");
    if (populate) {
      execFileSync("redis-cli", ["-p", String(source.port), "DEBUG", "POPULATE", String(keys), "k", "32"]);
    } else {
      const load = spawnSync(process.execPath, [...process.execArgv, loader, String(source.port), String(keys), String(bigKeys), String(bigMb)], { stdio: "inherit" });
      if (load.status !== 0) throw new Error("loading failed");
    }
    const loadMs = Date.now() - t;
    t = Date.now();
    await copyByReplication(source, target, keys + bigKeys);
    console.log(`loaded ${keys} ${populate ? "strings (DEBUG POPULATE)" : "keys"}${bigKeys ? ` + ${bigKeys} strings of ${bigMb} MiB` : ""} in ${loadMs} ms, copied to the target by REPLICAOF in ${Date.now() - t} ms`);

    const bench = execFileSync("redis-benchmark", ["-p", String(source.port), "-P", "64", "-n", "2000000", "-q", "DUMP", "k:0"]).toString();
    const ceiling = Number(/DUMP k:0: ([\d.]+) requests per second/.exec(bench.replace(/\r/g, "\n"))?.[1]);
    console.log(`server ceiling: redis-benchmark -P 64 DUMP = ${Math.round(ceiling)} requests/s`);

    const sourceUser = arg("no-memory", 0) === 1 ? { username: "bench", password: "bench-pw" } : {};
    if (sourceUser.username) {
      execFileSync("redis-cli", ["-p", String(source.port), "ACL", "SETUSER", "bench", "on", ">bench-pw", "~*", "&*", "+@all", "-memory"]);
      console.log("verifying as an ACL user without MEMORY");
    }
    let peakRss = process.memoryUsage.rss();
    console.log(`RSS before verify ${mb(peakRss)} MB`);
    // Sparse samples: the kernel's high-water mark (maxRSS, taken below) catches any spike between them.
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 500);
    const cpu = process.cpuUsage();
    const redisCpu0 = [source, target].map((r) => redisCpuMs(r.pid));
    const result = await compareKeyspaces({
      source: { endpoint: { host: source.host, port: source.port, ...sourceUser }, readOnly: true },
      target: { endpoint: { host: target.host, port: target.port } },
      mode: "full",
      rounds: 1,
      batchSize: arg("batch", 1000),
      pipelineDepth: arg("depth", 4),
      scriptRead: arg("script", 0) === 1,
    });
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    const used = process.cpuUsage(cpu);
    const [srcCpu, tgtCpu] = [source, target].map((r, i) => redisCpuMs(r.pid) - redisCpu0[i]);
    const ratio = result.keysPerSec / (ceiling / 2);
    const maxRss = process.resourceUsage().maxRSS * 1024;
    peakRss = Math.max(peakRss, maxRss);
    console.log(`verified ${result.keysCompared} keys (${result.scriptRead ? "read script" : "pipelined"}): scan ${result.keysPerSec} keys/s over ${result.scanMs} ms, wall ${result.durationMs} ms, peak reply bytes held ${mb(result.peakBytesInFlight)} MB, mismatches ${result.mismatchCount}, counts agree ${result.counts.every((c) => c.keysAgree)}`);
    console.log(`node cpu during verify: ${Math.round(((used.user + used.system) / 1000 / result.durationMs) * 100)}% of one core`);
    const pct = (ms: number) => `${Math.round((ms / result.durationMs) * 100)}%`;
    console.log(`redis-server cpu during verify: source ${pct(srcCpu)}, target ${pct(tgtCpu)} of one core`);
    // CPU per key moves less with other load than keys/s does: where the time goes, per process.
    const perKey = (ms: number) => ((ms * 1000) / result.keysCompared).toFixed(2);
    console.log(`cpu per key: node ${perKey((used.user + used.system) / 1000)} µs, source ${perKey(srcCpu)} µs, target ${perKey(tgtCpu)} µs`);
    console.log(`ratio keys/s / (ceiling / 2) = ${ratio.toFixed(3)}`);
    console.log(`peak RSS during verify ${mb(peakRss)} MB (process maxRSS ${mb(maxRss)} MB)`);
    const pass = result.keysPerSec >= GOAL_KEYS_PER_SEC && ratio >= GOAL_RATIO && peakRss < GOAL_RSS_MB * 1024 * 1024 && result.mismatchCount === 0;
    console.log(
      `${pass ? "PASS" : "FAIL"}: keys/s ${result.keysPerSec} (goal >= ${GOAL_KEYS_PER_SEC}) ${result.keysPerSec >= GOAL_KEYS_PER_SEC ? "ok" : "MISSED"}; ` +
        `ratio ${ratio.toFixed(3)} (goal >= ${GOAL_RATIO}) ${ratio >= GOAL_RATIO ? "ok" : "MISSED"}; ` +
        `RSS ${mb(peakRss)} MB (goal < ${GOAL_RSS_MB}) ${peakRss < GOAL_RSS_MB * 1024 * 1024 ? "ok" : "MISSED"}; mismatches ${result.mismatchCount} (goal 0)`,
    );
    process.exitCode = pass ? 0 : 1;
  } finally {
    await stopAllRedis();
  }
}

/** utime + stime of a process in ms, from /proc (Linux); NaN elsewhere. */
function redisCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "latin1").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, USER_HZ = 100
  } catch {
    return NaN;
  }
}

main().catch(async (err) => {
  console.error(err);
  process.exitCode = 1;
});
