/**
 * Commands the replicator may send to a target. FLUSHALL/FLUSHDB are absent on purpose: emptying
 * a target is emptyTarget's job alone, behind the operator's typed confirmation.
 */
const ANY = true as const;

export const TARGET_COMMAND_ALLOW_LIST: Readonly<Record<string, true | ReadonlySet<string>>> = {
  // handshake (ioredis sends AUTH/SELECT/CLIENT SETNAME/INFO on connect)
  auth: ANY, hello: ANY, ping: ANY, select: ANY, quit: ANY, info: ANY,
  client: new Set(["setname", "setinfo", "id", "getname"]),
  multi: ANY, exec: ANY, discard: ANY,
  // whole-key writes
  restore: ANY, del: ANY, unlink: ANY, rename: ANY,
  // type-level writes
  set: ANY, setrange: ANY, append: ANY, hset: ANY, rpush: ANY, sadd: ANY, zadd: ANY,
  xadd: ANY, xdel: ANY, xsetid: ANY, xclaim: ANY, xgroup: new Set(["create", "createconsumer", "setid"]),
  // TTL
  expire: ANY, pexpire: ANY, expireat: ANY, pexpireat: ANY, persist: ANY,
  // reads the replicator needs on its own writes
  exists: ANY, type: ANY, pttl: ANY, dbsize: ANY,
};
