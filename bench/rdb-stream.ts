/**
 * RDB streaming rate against `redis-cli --rdb` on the same dataset, in the same run.
 *   npx tsx bench/rdb-stream.ts [--keys 500000] [--runs 3]
 * Loads N mixed keys (lab demo data) into a diskless redis-server (repl-diskless-sync-delay 0, so
 * neither side waits 5 s for other replicas), then per run, interleaved:
 *   redis-cli --rdb <file>       the ceiling: the same protocol, C, straight to a file
 *   Ferry -> file                apples to apples with redis-cli
 *   Ferry -> null sink           the stream alone
 *   Ferry -> lab S3 multipart    the real path (lab S3 in a child process writing to local disk)
 * Prints MB/s (median of the runs), the ratios Ferry/redis-cli (goal >= 0.8) and peak RSS.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

// lib/ modules start with `import "server-only"`, which only resolves under the react-server condition.
if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const r = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const GOAL_RATIO = 0.8;
const MB = 1024 * 1024;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function startLabChild(): Promise<{ child: ChildProcess; endpoint: string; region: string; keyId: string; secret: string }> {
  const script = path.join(path.dirname(process.argv[1]), "rdb-stream-lab.ts");
  const child = spawn(process.execPath, [...process.execArgv, script], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = "";
    child.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      if (buf.includes("\n")) resolve(buf.split("\n")[0]);
    });
    child.once("exit", (code) => reject(new Error(`lab exited with ${code}`)));
  });
  const info = JSON.parse(line);
  return { child, endpoint: info.endpoint, region: info.region, keyId: info.accounts.B.accessKeyId, secret: info.accounts.B.secretAccessKey };
}

async function measure(run: () => Promise<number>): Promise<{ ms: number; bytes: number; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
  const t = process.hrtime.bigint();
  const bytes = await run();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  clearInterval(sampler);
  return { ms, bytes, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
}

async function main() {
  const { startRedis, stopAllRedis } = await import("../lab/redis-process");
  const { openRdbStream } = await import("../lib/redis/rdb-stream");
  const { streamRdbToS3 } = await import("../lib/snapshot/stream-rdb-to-s3");
  const { S3Client } = await import("@aws-sdk/client-s3");
  const keys = arg("keys", 500_000);
  const runs = arg("runs", 3);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-bench-rdb-"));
  const source = await startRedis({ name: "bench-rdb", args: ["--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0"] });
  let lab: Awaited<ReturnType<typeof startLabChild>> | null = null;
  try {
    let t = Date.now();
    const loader = path.join(path.dirname(process.argv[1]), "..", "lab", "demo-data-cli.ts");
    const load = spawnSync(process.execPath, [...process.execArgv, loader, "--port", String(source.port), "--keys", String(keys)], { stdio: "inherit" });
    if (load.status !== 0) throw new Error("loading failed");
    console.log(`dataset: ${keys} mixed keys loaded in ${Date.now() - t} ms`);
    lab = await startLabChild();
    const s3 = new S3Client({ endpoint: lab.endpoint, region: lab.region, forcePathStyle: true, credentials: { accessKeyId: lab.keyId, secretAccessKey: lab.secret } });
    const endpoint = { host: "127.0.0.1", port: source.port };
    const fallbackTarget = { bucket: "bench-rdb", key: "x.rdb" };
    console.log(`node ${process.version}, ${os.cpus().length} CPUs, RSS before runs ${Math.round(process.memoryUsage().rss / MB)} MB`);

    const variants: Record<string, () => Promise<number>> = {
      "redis-cli --rdb": async () => {
        const file = path.join(tmp, "cli.rdb");
        const r = spawnSync("redis-cli", ["-p", String(source.port), "--rdb", file], { stdio: ["ignore", "ignore", "pipe"] });
        if (r.status !== 0) throw new Error(`redis-cli failed: ${r.stderr}`);
        return fs.statSync(file).size;
      },
      "Ferry -> file": async () => {
        const rdb = await openRdbStream({ endpoint, fallbackTarget });
        await pipeline(rdb.body, fs.createWriteStream(path.join(tmp, "ferry.rdb")));
        return (await rdb.done).bytes;
      },
      "Ferry -> null sink": async () => {
        const rdb = await openRdbStream({ endpoint, fallbackTarget });
        await pipeline(rdb.body, new Writable({ write: (_c, _e, cb) => cb() }));
        return (await rdb.done).bytes;
      },
      "Ferry -> lab S3": async () => {
        t++;
        const out = await streamRdbToS3({ endpoint, s3, bucket: "bench-rdb", key: `run-${t}.rdb` });
        return out.bytes;
      },
    };
    const results: Record<string, Array<{ ms: number; bytes: number; peakRss: number }>> = {};
    for (let i = 0; i < runs; i++) {
      for (const [name, run] of Object.entries(variants)) {
        const r = await measure(run);
        (results[name] ??= []).push(r);
        console.log(`run ${i + 1} ${name.padEnd(20)} ${(r.bytes / MB).toFixed(1)} MB in ${r.ms.toFixed(0)} ms = ${(r.bytes / MB / (r.ms / 1000)).toFixed(1)} MB/s, peak RSS ${Math.round(r.peakRss / MB)} MB`);
      }
    }
    const rate = (name: string) => median(results[name].map((r) => r.bytes / MB / (r.ms / 1000)));
    const ceiling = rate("redis-cli --rdb");
    console.log(`--- medians of ${runs} runs (RDB ${(results["redis-cli --rdb"][0].bytes / MB).toFixed(1)} MB)`);
    let pass = true;
    for (const name of Object.keys(variants)) {
      const r = rate(name);
      const peak = Math.max(...results[name].map((x) => x.peakRss));
      if (name === "redis-cli --rdb") {
        console.log(`${name.padEnd(20)} ${r.toFixed(1)} MB/s (ceiling)`);
        continue;
      }
      const ratio = r / ceiling;
      // The file and null-sink variants are the streaming itself; S3 adds the lab's own HTTP and disk work.
      const counts = name !== "Ferry -> lab S3";
      if (counts && ratio < GOAL_RATIO) pass = false;
      console.log(`${name.padEnd(20)} ${r.toFixed(1)} MB/s, ratio ${ratio.toFixed(2)} ${ratio >= GOAL_RATIO ? "PASS" : "FAIL"} (goal >= ${GOAL_RATIO}${counts ? "" : ", informational"}), peak RSS ${Math.round(peak / MB)} MB`);
    }
    const sizes = new Set(Object.values(results).flat().map((r) => r.bytes));
    console.log(`RDB sizes seen: ${[...sizes].join(", ")} bytes`);
    console.log(pass ? "PASS: Ferry streams at >= 0.8 of redis-cli --rdb" : "FAIL: Ferry streams below 0.8 of redis-cli --rdb");
    process.exitCode = pass ? 0 : 1;
  } finally {
    lab?.child.kill("SIGTERM");
    await stopAllRedis();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
