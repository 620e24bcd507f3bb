import os from "node:os";

export type InfoMap = Record<string, string>;

export function parseInfo(text: string): InfoMap {
  const out: InfoMap = {};
  for (const line of text.split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0 && !line.startsWith("#")) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** Memory per node type (GiB, from the ElastiCache pricing tables), for the percentage metrics. */
const NODE_GIB: Record<string, number> = {
  "cache.t1.micro": 0.213, "cache.t3.micro": 0.5, "cache.t4g.micro": 0.5, "cache.t3.small": 1.37, "cache.t4g.small": 1.37,
  "cache.t3.medium": 3.09, "cache.t4g.medium": 3.09, "cache.m5.large": 6.38, "cache.m6g.large": 6.38, "cache.m7g.large": 6.38,
  "cache.r5.large": 13.07, "cache.r6g.large": 13.07, "cache.r7g.large": 13.07, "cache.r6gd.xlarge": 26.32,
};
export const nodeMemoryBytes = (nodeType: string) => (NODE_GIB[nodeType] ?? 1.37) * 1024 ** 3;

export const UNITS: Record<string, string> = {
  CurrItems: "Count", CurrVolatileItems: "Count", BytesUsedForCache: "Bytes", DatabaseMemoryUsagePercentage: "Percent",
  ReplicationLag: "Seconds", ReplicationBytes: "Bytes", IsMaster: "Count", MasterLinkHealthStatus: "Count",
  SaveInProgress: "Count", CurrConnections: "Count", NewConnections: "Count", EngineCPUUtilization: "Percent",
  Evictions: "Count", CPUUtilization: "Percent", FreeableMemory: "Bytes", NetworkBytesIn: "Bytes",
  NetworkBytesOut: "Bytes", SwapUsage: "Bytes", ElastiCacheProcessingUnits: "Count",
};

const num = (info: InfoMap, k: string) => Number(info[k] ?? 0) || 0;

function keyspace(info: InfoMap): { keys: number; expires: number } {
  let keys = 0;
  let expires = 0;
  for (const [k, v] of Object.entries(info)) {
    if (!/^db\d+$/.test(k)) continue;
    keys += Number(v.match(/keys=(\d+)/)?.[1] ?? 0);
    expires += Number(v.match(/expires=(\d+)/)?.[1] ?? 0);
  }
  return { keys, expires };
}

/**
 * The AWS/ElastiCache metrics of one node, computed from its real INFO. Counters that AWS
 * reports per period (NewConnections, Evictions, network bytes, CPU) are deltas against the
 * previous sample; the first sample has none of them.
 */
export function computeMetrics(info: InfoMap, prev: { info: InfoMap; t: number } | undefined, t: number, nodeType: string): Record<string, number> {
  const mem = nodeMemoryBytes(nodeType);
  const { keys, expires } = keyspace(info);
  const isMaster = info.role === "master";
  const m: Record<string, number> = {
    CurrItems: keys,
    CurrVolatileItems: expires,
    BytesUsedForCache: num(info, "used_memory"),
    DatabaseMemoryUsagePercentage: (num(info, "used_memory") / mem) * 100,
    IsMaster: isMaster ? 1 : 0,
    SaveInProgress: num(info, "rdb_bgsave_in_progress"),
    CurrConnections: num(info, "connected_clients"),
    FreeableMemory: Math.max(0, mem - num(info, "used_memory_rss")),
    SwapUsage: 0,
  };
  if (!isMaster) {
    const up = info.master_link_status === "up";
    m.MasterLinkHealthStatus = up && num(info, "master_sync_in_progress") === 0 ? 1 : 0;
    m.ReplicationLag = up ? num(info, "master_last_io_seconds_ago") : num(info, "master_link_down_since_seconds");
  }
  if (prev) {
    const secs = Math.max(0.001, (t - prev.t) / 1000);
    const delta = (k: string) => Math.max(0, num(info, k) - num(prev.info, k));
    const cpu = (i: InfoMap, children: boolean) =>
      num(i, "used_cpu_sys") + num(i, "used_cpu_user") + (children ? num(i, "used_cpu_sys_children") + num(i, "used_cpu_user_children") : 0);
    m.NewConnections = delta("total_connections_received");
    m.Evictions = delta("evicted_keys");
    m.NetworkBytesIn = delta("total_net_input_bytes") + delta("total_net_repl_input_bytes");
    m.NetworkBytesOut = delta("total_net_output_bytes") + delta("total_net_repl_output_bytes");
    m.EngineCPUUtilization = Math.min(100, ((cpu(info, false) - cpu(prev.info, false)) / secs) * 100);
    m.CPUUtilization = Math.min(100, ((cpu(info, true) - cpu(prev.info, true)) / secs / os.cpus().length) * 100);
    if (isMaster) m.ReplicationBytes = delta("master_repl_offset") * Math.max(1, num(info, "connected_slaves"));
  }
  return m;
}
