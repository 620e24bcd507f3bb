import { testDbFile } from "../test/use-test-db";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dialect } from "@/lib/db-dialect";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { enqueueVerification, startVerification } from "@/lib/verify/jobs/start-verification";
import { SQLITE_BUSY_WAIT_MS } from "@/lib/sqlite/retry-while-busy";

async function migrationWithActiveVerification() {
  const endpoint = (name: string) => db.endpoint.create({ data: { name: `${name}-${Date.now()}`, kind: "self-managed", host: "127.0.0.1", port: 1 } });
  const [source, target] = await Promise.all([endpoint("src"), endpoint("tgt")]);
  const m = await db.migration.create({ data: { name: "durability", strategy: "replicaof", state: "completed", sourceId: source.id, targetId: target.id } });
  await enqueueVerification({ migrationId: m.id, requestedBy: "runner" });
  return m;
}

describe("acknowledged writes", () => {
  it("all 200 event writes survive refused Start verification calls racing them", async () => {
    const u = await db.user.create({ data: { email: "durability@ferry.test", name: "Ops", role: "operator", passwordHash: "x" } });
    const actor = { id: u.id, email: u.email, name: u.name, role: u.role };
    const m = await migrationWithActiveVerification();
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 200; i++) {
      calls.push(recordEvent({ type: "test.acknowledged", message: `write ${i}`, migrationId: m.id }));
      if (i % 4 === 0) calls.push(startVerification({ actor, migrationId: m.id }).then(() => null, (e: unknown) => e));
    }
    const results = await Promise.all(calls);
    // Every start was refused (a run is active): the transactions really rolled back.
    const refusals = results.filter((r) => r instanceof AppError);
    expect(refusals).toHaveLength(50);
    expect(refusals.every((e) => (e as AppError).code === "CONFLICT")).toBe(true);
    expect(await db.event.count({ where: { type: "test.acknowledged" } })).toBe(200);
  });

  // SQLite's own locking; PostgreSQL has row locks and MVCC instead.
  it.skipIf(dialect().name === "postgresql")("waits for another process's write lock with the event loop free, in WAL mode", async () => {
    await db.event.count();
    const [{ journal_mode }] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(journal_mode).toBe("wal");
    // Another process (the worker of the README's split) holds the write lock for a while.
    const holdMs = 200 * SQLITE_BUSY_WAIT_MS;
    const other = new Database(testDbFile);
    other.exec("BEGIN IMMEDIATE");
    const started = Date.now();
    const ticks = [started];
    const timer = setInterval(() => ticks.push(Date.now()), 5);
    setTimeout(() => other.exec("COMMIT"), holdMs);
    try {
      await recordEvent({ type: "test.after-lock", message: "written once the lock is free" });
    } finally {
      clearInterval(timer);
      other.close();
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(holdMs - 5);
    const longestFreeze = Math.max(...ticks.slice(1).map((t, i) => t - ticks[i]));
    expect(longestFreeze).toBeLessThan(holdMs / 2);
    expect(await db.event.count({ where: { type: "test.after-lock" } })).toBe(1);
  });
});
