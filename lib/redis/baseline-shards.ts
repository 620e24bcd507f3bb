import "server-only";
import net from "node:net";
import type { Redis } from "ioredis";
import type { BaselineShard } from "./baseline-types";
import { infoNumber, infoString, parseInfo } from "./info";
import { readClusterTopology } from "./cluster/read-cluster-topology";
import { formatRanges } from "./cluster/slot-coverage";

/**
 * One row per shard of the cluster `client` belongs to, read from each primary through a
 * duplicate of `client` (same credentials, TLS, timeouts and read-only guard; the SNI follows a
 * node announced by name). A primary that cannot be read keeps its row with the reason.
 */
export async function captureShardBaselines(client: Redis): Promise<BaselineShard[]> {
  const topology = await readClusterTopology({ seed: client });
  return Promise.all(topology.shards.map(async (s): Promise<BaselineShard> => {
    const base = { id: s.id, slots: formatRanges(s.slots), primary: `${s.primary.host}:${s.primary.port}`, replicas: s.replicas.map((r) => `${r.host}:${r.port} ${r.health}`) };
    const tls = client.options.tls ? { ...client.options.tls, servername: net.isIP(s.primary.host) ? client.options.tls.servername : s.primary.host } : undefined;
    const node = client.duplicate({ host: s.primary.host, port: s.primary.port, tls, lazyConnect: true });
    node.on("error", () => {});
    try {
      await node.connect();
      const info = parseInfo(await node.info());
      return {
        ...base,
        version: info.version,
        keyspace: info.keyspace,
        totalKeys: Object.values(info.keyspace).reduce((n, e) => n + e.keys, 0),
        usedMemory: infoNumber(info, "used_memory"),
        maxmemory: infoNumber(info, "maxmemory"),
        masterReplOffset: infoNumber(info, "master_repl_offset"),
        connectedReplicas: infoNumber(info, "connected_slaves"),
        rdbLastBgsaveStatus: infoString(info, "rdb_last_bgsave_status"),
        aofEnabled: infoString(info, "aof_enabled") === "1",
        error: null,
      };
    } catch (err) {
      return { ...base, version: null, keyspace: {}, totalKeys: 0, usedMemory: null, maxmemory: null, masterReplOffset: null, connectedReplicas: null, rdbLastBgsaveStatus: null, aofEnabled: null, error: (err as Error).message.slice(0, 200) };
    } finally {
      node.disconnect();
    }
  }));
}
