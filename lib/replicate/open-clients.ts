import "server-only";
import { Redis } from "ioredis";
import { buildRedisOptions } from "../redis/connect";
import { guardReadOnly, type ReadOnlyRedis } from "../redis/read-only";
import { guardTargetWrites, type TargetWriter } from "./guard-target-writes";
import type { TReplicationEnd } from "./types";

/** Longest pause between reconnect attempts: a replicator keeps trying until it is stopped. */
export const RECONNECT_MAX_DELAY_MS = 1_000;

function options(end: TReplicationEnd, db: number, role: "source" | "target", name: string) {
  return {
    ...buildRedisOptions({ ...end.redis, db }, { role, connectionName: name, timeouts: { commandMs: 30_000 } }),
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
  return guardReadOnly(quiet(new Redis(options(end, db, "source", "ferry-replicate-read"))));
}

/** The keyspace-notification subscriber (read-only guard: PSUBSCRIBE is on the source allow-list). */
export function openSubscriber(end: TReplicationEnd): ReadOnlyRedis {
  return guardReadOnly(quiet(new Redis(options(end, 0, "source", "ferry-replicate-sub"))));
}

/**
 * The one writing connection per target db. Every write for a db (scan copy, live apply, repair)
 * goes through it, so Redis applies them in the order Ferry decided them (see key-guard.ts).
 */
export function openTargetWriter(end: TReplicationEnd, db: number): TargetWriter {
  return guardTargetWrites(quiet(new Redis({ ...options(end, db, "target", "ferry-replicate-write"), maxRetriesPerRequest: 1 })));
}
