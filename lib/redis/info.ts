import { parseKeyValueList, toInteger, toNumber } from "./info-values";

export type RedisEngine = "redis" | "valkey";

/** One `dbN:keys=..,expires=..,avg_ttl=..` line. */
export type KeyspaceEntry = {
  keys: number;
  expires: number;
  /** Milliseconds; null when the server did not report it. */
  avgTtl: number | null;
};

/** One `slaveN:ip=..,port=..,state=..,offset=..,lag=..` line, as the primary sees its replica. */
export type InfoReplica = {
  index: number;
  ip: string | null;
  port: number | null;
  state: string | null;
  offset: number | null;
  /** Seconds since the replica's last ACK, as the primary reports it. */
  lag: number | null;
};

export type ParsedInfo = {
  /** Lower-cased section name -> raw fields. Fields before any `# Section` header go to "". */
  sections: Record<string, Record<string, string>>;
  /** Every field of every section, flat (INFO field names are unique across sections). */
  fields: Record<string, string>;
  /** Keyed by db index. */
  keyspace: Record<number, KeyspaceEntry>;
  replicas: InfoReplica[];
  engine: RedisEngine;
  /** valkey_version for Valkey (its redis_version is a compatibility constant), else redis_version. */
  version: string | null;
};

const DB_LINE = /^db(\d{1,9})$/;
const REPLICA_LINE = /^slave(\d{1,9})$/;

/**
 * Parses INFO output of any Redis-compatible server. Total: never throws, whatever the input
 * (a truncated reply, a proxy's banner, a future field format), because its callers are the
 * 1 Hz sampler and pre-flight checks, which must degrade to "unknown" rather than crash.
 */
export function parseInfo(text: unknown): ParsedInfo {
  const sections = new Map<string, Map<string, string>>();
  const fields = new Map<string, string>();
  const keyspace = new Map<number, KeyspaceEntry>();
  const replicas: InfoReplica[] = [];
  const input = typeof text === "string" ? text : Buffer.isBuffer(text) ? text.toString("utf8") : "";

  let section = "";
  for (const rawLine of input.split(/\r\n|\n|\r/)) {
    const line = rawLine.trim();
    if (line === "") continue;
    if (line.startsWith("#")) {
      section = line.replace(/^#+/, "").trim().toLowerCase();
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    let bucket = sections.get(section);
    if (!bucket) sections.set(section, (bucket = new Map()));
    bucket.set(key, value);
    fields.set(key, value);

    const db = DB_LINE.exec(key);
    if (db) {
      const entry = parseKeyspaceValue(value);
      if (entry) keyspace.set(Number(db[1]), entry);
      continue;
    }
    const replica = REPLICA_LINE.exec(key);
    if (replica) replicas.push(parseReplicaValue(Number(replica[1]), value));
  }

  const valkeyVersion = fields.get("valkey_version");
  const isValkey = valkeyVersion !== undefined || fields.get("server_name")?.toLowerCase() === "valkey";
  return {
    sections: Object.fromEntries([...sections].map(([name, map]) => [name, Object.fromEntries(map)])),
    fields: Object.fromEntries(fields),
    keyspace: Object.fromEntries(keyspace),
    replicas: replicas.sort((a, b) => a.index - b.index),
    engine: isValkey ? "valkey" : "redis",
    version: valkeyVersion ?? fields.get("redis_version") ?? null,
  };
}

function parseKeyspaceValue(value: string): KeyspaceEntry | null {
  const kv = parseKeyValueList(value);
  const keys = toInteger(kv.keys);
  if (keys === null) return null;
  return { keys, expires: toInteger(kv.expires) ?? 0, avgTtl: toInteger(kv.avg_ttl) };
}

function parseReplicaValue(index: number, value: string): InfoReplica {
  // Redis 2.6 and older print `slave0:10.0.0.2,6379,online` (positional, no `=`).
  if (!value.includes("=")) {
    const [ip, port, state] = value.split(",");
    return { index, ip: ip || null, port: toInteger(port), state: state || null, offset: null, lag: null };
  }
  const kv = parseKeyValueList(value);
  return {
    index,
    ip: kv.ip || null,
    port: toInteger(kv.port),
    state: kv.state || null,
    offset: toInteger(kv.offset),
    lag: toNumber(kv.lag),
  };
}

/** A numeric INFO field, or null when missing or not a finite number. */
export function infoNumber(info: ParsedInfo, field: string): number | null {
  return Object.hasOwn(info.fields, field) ? toNumber(info.fields[field]) : null;
}

/** A string INFO field, or null when missing. */
export function infoString(info: ParsedInfo, field: string): string | null {
  return Object.hasOwn(info.fields, field) ? info.fields[field] : null;
}
