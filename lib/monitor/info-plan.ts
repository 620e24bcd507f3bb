import type { ParsedInfo } from "../redis/info";

/**
 * The INFO sections one reading of one end asks for. Every tick: replication (offsets, link,
 * initial sync, replicas: the lag chart and the cutover gate) and keyspace (key counts). Memory
 * and stats (the memory and ops charts) move slowly and are read at a lower rate; persistence
 * only for the post-cutover watch. One INFO per section, pipelined: servers before Redis 7
 * refuse several sections in one INFO.
 */
export const EVERY_TICK_SECTIONS = ["replication", "keyspace"] as const;
export const SLOW_SECTIONS = ["memory", "stats"] as const;

export type TInfoPlan = { slow: boolean; persistence: boolean };

export function infoSections(plan: TInfoPlan): string[] {
  const sections: string[] = [...EVERY_TICK_SECTIONS];
  if (plan.slow) sections.push(...SLOW_SECTIONS);
  if (plan.persistence) sections.push("persistence");
  return sections;
}

export function infoCommands(plan: TInfoPlan): string[][] {
  return infoSections(plan).map((s) => ["INFO", s]);
}

const DB_LINE = /^db\d{1,9}$/;
const KEYS = /(?:^|,)keys=(\d+)/;

/**
 * The few hundred bytes of a tick's INFO replies reduced to flat fields and key counts: the
 * sampler's hot path (200 ends a second), so no per-section maps and no replica-line parsing;
 * parseInfo stays the total parser for everything else.
 */
export function parseInfoLean(texts: string[]): ParsedInfo {
  const fields: Record<string, string> = Object.create(null);
  const keyspace: ParsedInfo["keyspace"] = {};
  for (const text of texts) {
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      const colon = text.indexOf(":", start);
      if (colon > start && colon < lineEnd && text.charCodeAt(start) !== 35) {
        const key = text.slice(start, colon);
        const value = text.slice(colon + 1, lineEnd);
        fields[key] = value;
        if (DB_LINE.test(key)) {
          const m = KEYS.exec(value);
          if (m) keyspace[Number(key.slice(2))] = { keys: Number(m[1]), expires: 0, avgTtl: null };
        }
      }
      start = end + 1;
    }
  }
  return { sections: {}, fields, keyspace, replicas: [], engine: "redis", version: null };
}
