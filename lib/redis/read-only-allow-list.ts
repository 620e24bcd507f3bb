import { VERIFY_READ_SCRIPT_SHA } from "./verify-read-script";

/**
 * Commands a source connection may send. A command maps to `true` (any form) or to the set of
 * allowed subcommands. Anything absent is refused: a new Redis command is refused until someone
 * decides it is harmless, which is the failure direction we want on a customer's source.
 *
 * Deliberately absent although "read-like": PFCOUNT (may rewrite the HLL cache), SORT (STORE),
 * GEORADIUS (STORE), OBJECT FREQ is fine but DEBUG is not, any other script (scripts are opaque:
 * EVALSHA_RO / EVAL_RO are admitted only for the SHAs in READ_ONLY_SCRIPT_SHAS, checked in read-only.ts),
 * MONITOR (heavy on the source), PUBLISH (side effects on subscribers).
 */
const ANY = true as const;

/** Scripts Ferry itself runs on a source, by SHA1: the verifier's batch read (EVAL_RO refuses writes server-side too). */
export const READ_ONLY_SCRIPT_SHAS: ReadonlySet<string> = new Set([VERIFY_READ_SCRIPT_SHA]);

export const SOURCE_COMMAND_ALLOW_LIST: Readonly<Record<string, true | ReadonlySet<string>>> = {
  // connection handshake and housekeeping (ioredis sends AUTH/SELECT/CLIENT SETNAME/INFO on connect)
  auth: ANY, hello: ANY, ping: ANY, asking: ANY, echo: ANY, select: ANY, quit: ANY, readonly: ANY, reset: ANY,
  client: new Set(["list", "info", "id", "getname", "setname", "setinfo", "no-evict", "no-touch"]),
  // server introspection
  info: ANY, dbsize: ANY, time: ANY, lastsave: ANY, role: ANY,
  config: new Set(["get"]),
  command: ANY,
  memory: new Set(["usage", "stats", "doctor", "malloc-stats"]),
  object: new Set(["encoding", "freq", "idletime", "refcount", "help"]),
  slowlog: new Set(["get", "len"]),
  latency: new Set(["latest", "history", "doctor", "graph", "histogram"]),
  module: new Set(["list"]),
  acl: new Set(["whoami", "cat"]),
  cluster: new Set(["info", "nodes", "slots", "shards", "myid", "keyslot", "countkeysinslot", "getkeysinslot", "links"]),
  pubsub: ANY,
  // transactions are harmless wrappers: every command inside is checked on its own
  multi: ANY, exec: ANY, discard: ANY,
  // listening to keyspace notifications (key-level replication live mode)
  subscribe: ANY, psubscribe: ANY, unsubscribe: ANY, punsubscribe: ANY, ssubscribe: ANY, sunsubscribe: ANY,
  // keyspace reads
  scan: ANY, dump: ANY, type: ANY, exists: ANY, ttl: ANY, pttl: ANY, expiretime: ANY, pexpiretime: ANY,
  randomkey: ANY,
  get: ANY, mget: ANY, strlen: ANY, getrange: ANY, substr: ANY, getbit: ANY, bitcount: ANY, bitpos: ANY,
  hget: ANY, hmget: ANY, hlen: ANY, hscan: ANY, hgetall: ANY, hkeys: ANY, hvals: ANY, hexists: ANY, hstrlen: ANY, hrandfield: ANY,
  lrange: ANY, llen: ANY, lindex: ANY, lpos: ANY,
  scard: ANY, sscan: ANY, smembers: ANY, sismember: ANY, smismember: ANY, srandmember: ANY,
  zcard: ANY, zscan: ANY, zrange: ANY, zrangebyscore: ANY, zrangebylex: ANY, zrevrange: ANY, zrevrangebyscore: ANY,
  zrevrangebylex: ANY, zscore: ANY, zmscore: ANY, zrank: ANY, zrevrank: ANY, zcount: ANY, zlexcount: ANY, zrandmember: ANY,
  xrange: ANY, xrevrange: ANY, xlen: ANY, xinfo: ANY, xpending: ANY,
  // Ferry's own read-only scripts by SHA (the first argument); EVAL_RO is checked by its body's SHA in read-only.ts
  evalsha_ro: READ_ONLY_SCRIPT_SHAS,
  geopos: ANY, geodist: ANY, geohash: ANY, geosearch: ANY,
};
