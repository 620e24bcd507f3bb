// Bench data: loads N mixed keys with the lean RESP connection (no per-command promises), then
// copies them to the target through replication, which is faster than loading twice.
import type { RedisProcess } from "../lab/redis-process";
import { RespConnection } from "../lib/verify/engine/resp-connection";
import { encodeCommands, type CommandArg } from "../lib/verify/engine/resp-encode";

export function commandsFor(i: number): CommandArg[][] {
  const key = `k:${i}`;
  const ttl = i % 10 < 3; // 30% expiring, between 1 and 2 hours
  const cmds: CommandArg[][] = [];
  switch (i % 5) {
    case 0: cmds.push(["SET", key, `value-${i}-${"x".repeat(i % 40)}`]); break;
    case 1: cmds.push(["HSET", key, "name", `user-${i}`, "visits", i % 1000, "plan", i % 3 ? "free" : "pro"]); break;
    case 2: cmds.push(["RPUSH", key, "a", `b${i}`, "c"]); break;
    case 3: cmds.push(["SADD", key, i % 7, i % 11, `m${i}`]); break;
    default: cmds.push(["ZADD", key, 1, "one", i % 100, `m${i}`]); break;
  }
  if (ttl) cmds.push(["PEXPIRE", key, 3_600_000 + (i % 3_600_000)]);
  return cmds;
}

export async function loadMixedKeys(conn: RespConnection, n: number): Promise<void> {
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < n; i += 10_000) {
    const cmds: CommandArg[][] = [];
    for (let j = i; j < Math.min(n, i + 10_000); j++) cmds.push(...commandsFor(j));
    inflight.push(conn.sendEncoded(encodeCommands(cmds), cmds.length));
    if (inflight.length >= 4) await inflight.shift();
  }
  await Promise.all(inflight);
}

/** `count` strings of `mb` MiB each ("big:i"), appended 1 MiB at a time so no side holds one whole. */
export async function loadBigStrings(conn: RespConnection, count: number, mb: number): Promise<void> {
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  for (let i = 0; i < count; i++) {
    for (let m = 0; m < mb; m += 8) {
      const cmds: CommandArg[][] = Array.from({ length: Math.min(8, mb - m) }, () => ["APPEND", `big:${i}`, chunk]);
      await conn.sendEncoded(encodeCommands(cmds), cmds.length);
    }
  }
}

export async function copyByReplication(source: RedisProcess, target: RedisProcess, n: number): Promise<void> {
  const tgt = await RespConnection.open({ host: target.host, port: target.port });
  try {
    await tgt.send([["REPLICAOF", source.host, source.port]]);
    for (;;) {
      const [info, size] = await tgt.send([["INFO", "replication"], ["DBSIZE"]]);
      if (String(info).includes("master_link_status:up") && size === n) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await tgt.send([["REPLICAOF", "NO", "ONE"]]);
  } finally {
    tgt.close();
  }
}

// Run as a child process by bench/verify.ts so the loader's buffers never count in the
// verifier's RSS:  verify-load.ts <port> <keys> [bigKeys bigMb]
if (process.argv[1]?.endsWith("verify-load.ts")) {
  const [port, n, bigKeys = 0, bigMb = 0] = process.argv.slice(2).map(Number);
  RespConnection.open({ host: "127.0.0.1", port, replyTimeoutMs: 60_000 })
    .then(async (conn) => {
      await loadMixedKeys(conn, n);
      await loadBigStrings(conn, bigKeys, bigMb);
      conn.close();
    })
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}
