// Bench data for a cluster: the mixed keys of verify-load.ts, each sent to the primary owning its slot.
import type { RedisCluster } from "../lab/redis-cluster";
import { keySlot } from "../lib/redis/cluster/key-slot";
import { RespConnection } from "../lib/verify/engine/resp-connection";
import { encodeCommands, type CommandArg } from "../lib/verify/engine/resp-encode";
import { commandsFor } from "./verify-load";

/**
 * `expireAt` turns each PEXPIRE into PEXPIREAT from that instant, so two clusters loaded at
 * different speeds get the same expiry times (a cluster cannot be copied with REPLICAOF).
 */
export async function loadClusterKeys(cluster: RedisCluster, n: number, expireAt: number): Promise<void> {
  const conns = await Promise.all(cluster.shards.map((s) => RespConnection.open({ host: "127.0.0.1", port: s.primary.port, replyTimeoutMs: 60_000 })));
  const shardOf = (slot: number) => cluster.shards.findIndex((s) => slot >= s.slots[0] && slot <= s.slots[1]);
  try {
    const inflight: Promise<unknown>[] = [];
    for (let i = 0; i < n; i += 10_000) {
      const per: CommandArg[][][] = cluster.shards.map(() => []);
      for (let j = i; j < Math.min(n, i + 10_000); j++) per[shardOf(keySlot(`k:${j}`))].push(...commandsFor(j).map((c) => (c[0] === "PEXPIRE" ? ["PEXPIREAT", c[1], expireAt + Number(c[2])] : c)));
      per.forEach((cmds, s) => cmds.length && inflight.push(conns[s].sendEncoded(encodeCommands(cmds), cmds.length)));
      while (inflight.length >= 8) await inflight.shift();
    }
    await Promise.all(inflight);
  } finally {
    for (const c of conns) c.close();
  }
}
