import "server-only";
import type { ReadOnlyRedis } from "../redis/read-only";

export type TSourceClients = { total: number; external: number; byAddress: { address: string; count: number }[] };

/**
 * CLIENT LIST on the source, without Ferry's own connections. During a serverless migration the
 * cache's proxy connects from the cache's subnets: connections from there mean traffic arrives
 * through the migration endpoint. Ferry cannot tell which addresses those subnets hold, so it
 * lists the addresses and leaves the reading to the operator.
 */
export async function readSourceClients(redis: ReadOnlyRedis): Promise<TSourceClients> {
  const text = String(await redis.call("CLIENT", "LIST"));
  const lines = text.split("\n").filter((l) => l.trim());
  const external = lines.filter((l) => !/ name=ferry-/.test(l) && !/ flags=[^ ]*[SM]/.test(l));
  const counts = new Map<string, number>();
  for (const l of external) {
    const addr = /addr=(\S+)/.exec(l)?.[1]?.replace(/:\d+$/, "") ?? "?";
    counts.set(addr, (counts.get(addr) ?? 0) + 1);
  }
  const byAddress = [...counts.entries()].map(([address, count]) => ({ address, count })).sort((a, b) => b.count - a.count).slice(0, 10);
  return { total: lines.length, external: external.length, byAddress };
}
