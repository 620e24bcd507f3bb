import "../../test/use-test-db";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { dialect } from "../db-dialect";
import { sqliteFilePath } from "../db-url";
import { env } from "../env";
import { SQLITE_BUSY_WAIT_MS } from "../sqlite/retry-while-busy";
import { buildSample } from "./build-sample";
import { insertSamples } from "./insert-samples";
import { createMigrationRow } from "./test-helpers/fixtures";
import { storedSamples } from "./test-helpers/stored-samples";

const end = { host: "127.0.0.1", port: 1 };
const sample = (migrationId: string, atMs: number) => buildSample({ migrationId, at: new Date(atMs), src: null, tgt: null, withPersistence: false });
const stored = async (migrationId: string) => (await storedSamples({ migrationId })).length;

describe("insertSamples", () => {
  it("stores a tick's rows once: the same (migration, slot) again stores nothing", async () => {
    const m = await createMigrationRow({ name: "insert-once", source: end, target: end });
    const at = Math.floor(Date.now() / 1000) * 1000;
    expect(await insertSamples([sample(m.id, at), sample(m.id, at + 1000)])).toBe(2);
    expect(await insertSamples([sample(m.id, at + 1000)])).toBe(0);
    expect(await stored(m.id)).toBe(2);
  });

  it.runIf(dialect().name === "sqlite")("while another connection holds the write lock, waits for it without freezing the process, then stores", async () => {
    const m = await createMigrationRow({ name: "insert-busy", source: end, target: end });
    const other = new Database(sqliteFilePath(env().DATABASE_URL));
    other.exec("BEGIN IMMEDIATE");
    let done = false;
    const called = performance.now();
    const insert = insertSamples([sample(m.id, Date.now())]).finally(() => (done = true));
    // The direct statement must not wait synchronously (better-sqlite3's default is 5 s): the
    // call hands back its promise without sitting out the lock.
    expect(performance.now() - called).toBeLessThan(1_000);
    // Several of the Prisma path's busy waits, so the statement has certainly met the lock.
    await new Promise((r) => setTimeout(r, 10 * SQLITE_BUSY_WAIT_MS));
    expect(done).toBe(false);
    other.exec("COMMIT");
    other.close();
    expect(await insert).toBe(1);
    expect(await stored(m.id)).toBe(1);
  });
});
