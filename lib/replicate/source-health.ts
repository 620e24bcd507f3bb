import "server-only";
import type { ReadOnlyRedis } from "../redis/read-only";
import { parseKeyspaceInfo } from "./verify-bridge";
import { WRITE_COMMANDS } from "../redis/write-commands";

/** How often the source's INFO keyspace + commandstats are read (flush detection, write rate). */
export const HEALTH_INTERVAL_MS = 1_000;

export type HealthSample = { at: number; keys: Map<number, number>; flushCalls: number; writeCalls: number };

export async function readHealth(src: ReadOnlyRedis): Promise<HealthSample> {
  const text = String(await src.info("keyspace")) + String(await src.info("commandstats"));
  const keys = new Map<number, number>();
  for (const [db, v] of parseKeyspaceInfo(text)) keys.set(db, v.keys);
  let flushCalls = 0;
  let writeCalls = 0;
  for (const m of text.matchAll(/^cmdstat_([a-z_|]+):calls=(\d+)/gm)) {
    const calls = Number(m[2]);
    if (m[1] === "flushdb" || m[1] === "flushall") flushCalls += calls;
    if (WRITE_COMMANDS.test(m[1])) writeCalls += calls;
  }
  return { at: Date.now(), keys, flushCalls, writeCalls };
}

/**
 * Why the source may have been emptied without key events between two samples, or null.
 * FLUSHDB/FLUSHALL emit no event: their commandstats calls rise, and a db's key count falls by
 * more than the removing events (del, expired, evicted, rename, move) seen meanwhile can explain.
 */
export function flushEvidence(prev: HealthSample, next: HealthSample, dbs: number[], removingEvents: number): string | null {
  if (next.flushCalls > prev.flushCalls) return `FLUSHDB/FLUSHALL ran on the source (${next.flushCalls - prev.flushCalls} call(s) in INFO commandstats)`;
  let drop = 0;
  let before = 0;
  for (const db of dbs) {
    const a = prev.keys.get(db) ?? 0;
    before += a;
    drop += Math.max(0, a - (next.keys.get(db) ?? 0));
  }
  // Slack for events still in flight when INFO answered.
  const slack = 10 + Math.ceil(before * 0.01);
  if (drop > removingEvents + slack) return `the source lost ${drop} keys with only ${removingEvents} delete/expire events`;
  return null;
}
