import "../../test/use-test-db";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { dialect } from "../db-dialect";
import { sqliteFilePath } from "../db-url";
import { env } from "../env";
import { SQLITE_BUSY_WAIT_MS } from "../sqlite/retry-while-busy";
import { buildSample } from "./build-sample";
import { insertSamples } from "./insert-samples";
import { querySamples } from "./query-samples";
import { readLatestSample } from "./sample-reads";
import { settleSamples } from "./settle-samples";
import { createMigrationRow } from "./test-helpers/fixtures";
import { storedSamples } from "./test-helpers/stored-samples";

const end = { host: "127.0.0.1", port: 1 };
const NOW = Math.floor(Date.now() / 60_000) * 60_000;
const tick = (migrationId: string, atMs: number, lagBytes: number) => ({
  ...buildSample({ migrationId, at: new Date(atMs), src: null, tgt: null, withPersistence: false }),
  lagBytes,
});

describe("settleSamples", () => {
  it("moves what is older than the cut into Sample, one migration's minute together, and every reader sees each sample once throughout", async () => {
    const [a, b] = await Promise.all(["settle-a", "settle-b"].map((name) => createMigrationRow({ name, source: end, target: end })));
    // Three minutes of ticks, both migrations in each, as the sampler stores them.
    for (let s = 180; s >= 1; s--) expect(await insertSamples([tick(a.id, NOW - s * 1000, s), tick(b.id, NOW - s * 1000, 1000 + s)])).toBe(2);
    const before = await querySamples({ migrationId: a.id, range: "live", nowMs: NOW });
    expect(before.stored).toBe(180);
    expect(await db.sample.count({ where: { migrationId: { in: [a.id, b.id] } } })).toBe(0);

    expect(await settleSamples(NOW - 60_000)).toBe(2 * 120);
    // Sample received one migration's 120 rows, then the other's: in (migrationId, at) order, not tick by tick.
    const order = await db.sample.findMany({ where: { migrationId: { in: [a.id, b.id] } }, orderBy: { id: "asc" }, select: { migrationId: true, at: true } });
    const minute = Array.from({ length: 120 }, (_, i) => NOW - (180 - i) * 1000);
    expect(order.map((r) => [r.migrationId, r.at.getTime()])).toEqual([a.id, b.id].sort().flatMap((id) => minute.map((at) => [id, at])));
    expect(await db.sampleHot.count({ where: { migrationId: { in: [a.id, b.id] } } })).toBe(2 * 60);

    // The chart, the latest sample and the full list read the same as before the move.
    expect(await querySamples({ migrationId: a.id, range: "live", nowMs: NOW })).toEqual(before);
    expect((await readLatestSample(b.id))?.lagBytes).toBe(1001);
    expect((await storedSamples({ migrationId: a.id })).map((s) => s.lagBytes)).toEqual(Array.from({ length: 180 }, (_, i) => 180 - i));

    // Again with nothing old: nothing moves. A tick a second sampler stores late, of a slot
    // already settled, is kept once.
    expect(await settleSamples(NOW - 60_000)).toBe(0);
    expect(await insertSamples([tick(a.id, NOW - 170_000, 999)])).toBe(1);
    expect(await settleSamples(NOW)).toBe(2 * 60);
    expect(await db.sampleHot.count({ where: { migrationId: { in: [a.id, b.id] } } })).toBe(0);
    const all = await storedSamples({ migrationId: a.id });
    expect(all).toHaveLength(180);
    expect(all.find((s) => s.at.getTime() === NOW - 170_000)?.lagBytes).toBe(170);
  });

  it("a migration deleted while its samples are still hot takes them along", async () => {
    const m = await createMigrationRow({ name: "settle-deleted", source: end, target: end });
    await insertSamples([tick(m.id, NOW - 5_000, 1)]);
    await db.migration.delete({ where: { id: m.id } });
    expect(await db.sampleHot.count({ where: { migrationId: m.id } })).toBe(0);
    await settleSamples(NOW); // and the move does not trip over them
  });

  it("two processes settling at once store each sample once", async () => {
    const m = await createMigrationRow({ name: "settle-twice", source: end, target: end });
    for (let s = 90; s >= 61; s--) await insertSamples([tick(m.id, NOW - s * 1000, s)]);
    const moved = await Promise.all([settleSamples(NOW - 60_000), settleSamples(NOW - 60_000)]);
    expect(moved.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(30);
    expect(await db.sample.count({ where: { migrationId: m.id } })).toBe(30);
    expect(await db.sampleHot.count({ where: { migrationId: m.id } })).toBe(0);
  });

  it.runIf(dialect().name === "sqlite")("while another connection holds the write lock, moves once it is free (through Prisma), all or nothing", async () => {
    const m = await createMigrationRow({ name: "settle-busy", source: end, target: end });
    for (let s = 80; s >= 61; s--) await insertSamples([tick(m.id, NOW - s * 1000, s)]);
    const other = new Database(sqliteFilePath(env().DATABASE_URL));
    other.exec("BEGIN IMMEDIATE");
    const settling = settleSamples(NOW - 60_000);
    // Several of the Prisma path's busy waits, so the move has certainly met the lock.
    await new Promise((r) => setTimeout(r, 10 * SQLITE_BUSY_WAIT_MS));
    // Nothing moved yet (read on the lock holder's own connection: Prisma's waits behind the move).
    expect(other.prepare("SELECT COUNT(*) AS n FROM SampleHot WHERE migrationId = ?").get(m.id)).toEqual({ n: 20 });
    other.exec("COMMIT");
    other.close();
    expect(await settling).toBe(20);
    expect(await db.sample.count({ where: { migrationId: m.id } })).toBe(20);
    expect(await db.sampleHot.count({ where: { migrationId: m.id } })).toBe(0);
  });
});
