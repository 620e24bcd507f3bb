import "server-only";
import { Redis } from "ioredis";
import { buildRedisOptions } from "../redis/connect";
import { guardReadOnly, type ReadOnlyRedis } from "../redis/read-only";
import type { TReplicationEnd } from "./types";

/** Longest pause between reconnect attempts: a replicator keeps trying until it is stopped. */
export const RECONNECT_MAX_DELAY_MS = 1_000;

function options(end: TReplicationEnd, db: number, name: string) {
  return {
    ...buildRedisOptions({ ...end.redis, db }, { role: "source", connectionName: name, timeouts: { commandMs: 30_000 } }),
    retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times, 10), RECONNECT_MAX_DELAY_MS),
    autoResubscribe: false,
  };
}

function quiet<T extends Redis>(client: T): T {
  client.on("error", () => {}); // reported through close/reconnect handling and command failures
  return client;
}

/** A read-only source client on one db. */
export function openSourceReader(end: TReplicationEnd, db: number): ReadOnlyRedis {
  return guardReadOnly(quiet(new Redis(options(end, db, "ferry-replicate-read"))));
}

/** The keyspace-notification subscriber (read-only guard: PSUBSCRIBE is on the source allow-list). */
export function openSubscriber(end: TReplicationEnd): ReadOnlyRedis {
  return guardReadOnly(quiet(new Redis(options(end, 0, "ferry-replicate-sub"))));
}
