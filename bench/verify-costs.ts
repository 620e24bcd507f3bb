/**
 * Where a verification's server time goes: the server CPU (µs per key) of each read the engine
 * may send, on the same mixed keys as bench/verify.ts, pipelined the way the engine sends them.
 *   npx tsx bench/verify-costs.ts [--keys N]
 * A profiling aid for choosing the engine's reads; prints figures, asserts nothing.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const r = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const i = process.argv.indexOf("--keys");
const KEYS = i > 0 ? Number(process.argv[i + 1]) : 200_000;
const BATCH = 1000;
const DEPTH = 8;

function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, "latin1").split(") ")[1].split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

async function main() {
  const { startRedis, stopAllRedis } = await import("../lab/redis-process");
  const { RespConnection } = await import("../lib/verify/engine/resp-connection");
  const { encodeCommands } = await import("../lib/verify/engine/resp-encode");
  const { encodePerKey } = await import("../lib/verify/engine/resp-encode");
  const { VERIFY_READ_SCRIPT, VERIFY_READ_SCRIPT_SHA } = await import("../lib/redis/verify-read-script");
  const server = await startRedis({ name: "bench-costs" });
  try {
    const loader = path.join(path.dirname(process.argv[1]), "verify-load.ts");
    if (spawnSync(process.execPath, [...process.execArgv, loader, String(server.port), String(KEYS)], { stdio: "inherit" }).status !== 0) throw new Error("load failed");
    const conn = await RespConnection.open({ host: server.host, port: server.port, replyTimeoutMs: 60_000 });
    await conn.send([["SCRIPT", "LOAD", VERIFY_READ_SCRIPT]]);
    const batches: Buffer[][] = [];
    for (let s = 0; s < KEYS; s += BATCH) batches.push(Array.from({ length: Math.min(BATCH, KEYS - s) }, (_, j) => Buffer.from(`k:${s + j}`)));
    const perKey = (verbs: string[][]) => (keys: Buffer[]) => ({ payload: Buffer.concat(verbs.map((v) => encodePerKey(v, keys))), count: verbs.length * keys.length });
    const script = (per: number) => (keys: Buffer[]) => {
      const cmds = [];
      for (let s = 0; s < keys.length; s += per) {
        const slice = keys.slice(s, s + per);
        cmds.push(["EVALSHA_RO", VERIFY_READ_SCRIPT_SHA, slice.length, ...slice, 1024 * 1024, "1", 1 << 20, 64]);
      }
      return { payload: encodeCommands(cmds), count: cmds.length };
    };
    const recipes: [string, (keys: Buffer[]) => { payload: Buffer; count: number }][] = [
      ["PTTL", perKey([["PTTL"]])],
      ["MEMORY USAGE", perKey([["MEMORY", "USAGE"]])],
      ["TYPE", perKey([["TYPE"]])],
      ["DUMP", perKey([["DUMP"]])],
      ["MEMORY USAGE+PTTL+DUMP", perKey([["MEMORY", "USAGE"], ["PTTL"], ["DUMP"]])],
      ["PTTL+DUMP", perKey([["PTTL"], ["DUMP"]])],
      ["read script x500", script(500)],
      ["key-major MU,PTTL,DUMP", (keys: Buffer[]) => ({ payload: encodeCommands(keys.flatMap((k) => [["MEMORY", "USAGE", k], ["PTTL", k], ["DUMP", k]])), count: 3 * keys.length })],
    ];
    for (const [name, make] of recipes) {
      const cpu0 = cpuMs(server.pid);
      const t0 = Date.now();
      const inflight: Promise<Buffer>[] = [];
      for (const keys of batches) {
        const { payload, count } = make(keys);
        inflight.push(conn.sendEncodedRaw(payload, count));
        if (inflight.length >= DEPTH) await inflight.shift();
      }
      await Promise.all(inflight);
      const ms = Date.now() - t0;
      console.log(`${name.padEnd(24)} server ${((cpuMs(server.pid) - cpu0) * 1000 / KEYS).toFixed(2)} µs/key, ${Math.round(KEYS / ms * 1000)} keys/s`);
    }
    const cpu0 = cpuMs(server.pid);
    const t0 = Date.now();
    for (let cursor = "0"; ;) {
      const [reply] = await conn.send([["SCAN", cursor, "COUNT", BATCH]]);
      cursor = (reply as Buffer[])[0].toString();
      if (cursor === "0") break;
    }
    console.log(`${"SCAN COUNT 1000".padEnd(24)} server ${((cpuMs(server.pid) - cpu0) * 1000 / KEYS).toFixed(2)} µs/key, ${Math.round(KEYS / (Date.now() - t0) * 1000)} keys/s`);
    conn.close();
  } finally {
    await stopAllRedis();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
