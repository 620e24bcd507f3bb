import type { Baseline } from "./baseline-types";
import { baselineShardRows } from "./baseline-shard-rows";

export type DiffStatus = "same" | "differs" | "expected-diff";

export type BaselineDiffRow = {
  /** Stable machine path, e.g. "keyspace.db0.keys". */
  path: string;
  label: string;
  a: string | number | boolean | null;
  b: string | number | boolean | null;
  status: DiffStatus;
  /** Why a difference is or is not expected; shown as a tooltip. */
  note?: string;
};

export type DiffBaselinesOptions = {
  /** Relative tolerance for used memory (default 0.25: allocators and fragmentation differ). */
  memoryTolerance?: number;
};

type Cell = BaselineDiffRow["a"];

/**
 * Side-by-side rows for two baselines (seed 004's validation view: source before vs target
 * after). Key counts must match exactly; memory roughly; persistence settings should match;
 * things that legitimately differ between two servers are "expected-diff", not alarms.
 */
export function diffBaselines(a: Baseline, b: Baseline, opts: DiffBaselinesOptions = {}): BaselineDiffRow[] {
  const tolerance = opts.memoryTolerance ?? 0.25;
  const rows: BaselineDiffRow[] = [];
  const exact = (path: string, label: string, x: Cell, y: Cell, note?: string) =>
    rows.push({ path, label, a: x, b: y, status: x === y ? "same" : "differs", ...(note ? { note } : {}) });
  const informative = (path: string, label: string, x: Cell, y: Cell, note: string) =>
    rows.push({ path, label, a: x, b: y, status: x === y ? "same" : "expected-diff", note });

  const dbs = [...new Set([...Object.keys(a.keyspace), ...Object.keys(b.keyspace)].map(Number))].sort((x, y) => x - y);
  for (const db of dbs) {
    const ka = a.keyspace[db];
    const kb = b.keyspace[db];
    exact(`keyspace.db${db}.keys`, `db${db} keys`, ka?.keys ?? 0, kb?.keys ?? 0, "Key counts must match exactly after a migration.");
    const persistentA = ka ? ka.keys - ka.expires : 0;
    const persistentB = kb ? kb.keys - kb.expires : 0;
    exact(`keyspace.db${db}.persistent`, `db${db} keys without TTL`, persistentA, persistentB, "Keys without a TTL cannot expire in flight, so these must match.");
    informative(`keyspace.db${db}.expires`, `db${db} keys with TTL`, ka?.expires ?? 0, kb?.expires ?? 0, "Keys with a TTL may expire between the two captures.");
    informative(`keyspace.db${db}.avgTtl`, `db${db} average TTL (ms)`, ka?.avgTtl ?? null, kb?.avgTtl ?? null, "Average TTL moves with time and sampling.");
  }
  exact("totalKeys", "Total keys", a.totalKeys, b.totalKeys);

  const ua = a.memory.used;
  const ub = b.memory.used;
  const within = ua !== null && ub !== null && Math.abs(ua - ub) <= tolerance * Math.max(ua, ub, 1);
  rows.push({
    path: "memory.used",
    label: "Used memory (bytes)",
    a: ua,
    b: ub,
    status: ua === ub ? "same" : within ? "expected-diff" : "differs",
    note: `Memory should match within ${Math.round(tolerance * 100)}% (allocator and fragmentation differ between servers).`,
  });
  informative("memory.peak", "Peak memory (bytes)", a.memory.peak, b.memory.peak, "Peak depends on each server's history.");
  informative("memory.max", "maxmemory (bytes)", a.memory.max, b.memory.max, "Node sizes may differ on purpose.");
  informative("memory.fragmentationRatio", "Fragmentation ratio", a.memory.fragmentationRatio, b.memory.fragmentationRatio, "Depends on allocator and history.");
  exact("memory.policy", "Eviction policy", a.memory.policy, b.memory.policy, "A different eviction policy changes which keys can be lost.");
  rows.push({
    path: "memory.evictedKeys",
    label: "Evicted keys",
    a: a.memory.evictedKeys,
    b: b.memory.evictedKeys,
    status: a.memory.evictedKeys === b.memory.evictedKeys ? "same" : (b.memory.evictedKeys ?? 0) > (a.memory.evictedKeys ?? 0) ? "differs" : "expected-diff",
    note: "More evictions on the second side mean keys were dropped for lack of memory.",
  });

  exact("persistence.aofEnabled", "AOF enabled", a.persistence.aofEnabled, b.persistence.aofEnabled, "Persistence should match the source's.");
  exact("persistence.rdbLastBgsaveStatus", "Last BGSAVE status", a.persistence.rdbLastBgsaveStatus, b.persistence.rdbLastBgsaveStatus, "A failed BGSAVE means snapshots are not being written.");
  informative("persistence.aofCurrentSize", "AOF size (bytes)", a.persistence.aofCurrentSize, b.persistence.aofCurrentSize, "AOF size depends on rewrite history.");
  informative("persistence.rdbLastBgsaveTimeSec", "Last BGSAVE duration (s)", a.persistence.rdbLastBgsaveTimeSec, b.persistence.rdbLastBgsaveTimeSec, "Durations vary with load.");
  informative("persistence.rdbChangesSinceLastSave", "Changes since last save", a.persistence.rdbChangesSinceLastSave, b.persistence.rdbChangesSinceLastSave, "Counts writes since each server's own last save.");

  informative("server.engine", "Engine", a.server.engine, b.server.engine, "Changing engine (Redis -> Valkey) may be the point of the migration.");
  informative("server.version", "Version", a.server.version, b.server.version, "Upgrades change the version on purpose.");
  exact("server.mode", "Mode", a.server.mode, b.server.mode, "Standalone vs cluster changes how clients connect.");
  exact("server.databases", "Databases", a.server.databases ?? 16, b.server.databases ?? 16, "Keys in a db index the other side lacks cannot be copied (unknown counts as 16, the ElastiCache value).");
  informative("replication.role", "Role", a.replication.role, b.replication.role, "Roles change at cutover.");
  informative("replication.connectedReplicas", "Connected replicas", a.replication.connectedReplicas, b.replication.connectedReplicas, "Topology may differ between ends.");
  for (const type of [...new Set([...Object.keys(a.sample.typeHistogram), ...Object.keys(b.sample.typeHistogram)])].sort()) {
    informative(`sample.types.${type}`, `Sampled ${type} keys`, a.sample.typeHistogram[type] ?? 0, b.sample.typeHistogram[type] ?? 0, `From samples of ${a.sample.sampled} and ${b.sample.sampled} keys, not full counts.`);
  }
  rows.push(...baselineShardRows(a, b));
  return rows;
}
