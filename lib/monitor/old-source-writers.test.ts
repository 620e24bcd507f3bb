import "../../test/use-test-db";
import { beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { redisAt } from "../../lab/test-clients";
import { db } from "../db";
import { readOldSourceWriters } from "./old-source-writers";
import { createMigrationRow } from "./test-helpers/fixtures";

let src: RedisProcess, tgt: RedisProcess;
beforeAll(async () => {
  [src, tgt] = await Promise.all(["ows-src", "ows-tgt"].map((name) => startRedis({ name })));
});

describe("readOldSourceWriters", () => {
  it("names the application still writing to the old source, with its last command and write counts", async () => {
    const m = await createMigrationRow({ name: "ows", source: src, target: tgt, state: "completed" });
    await db.migration.update({ where: { id: m.id }, data: { cutoverAt: new Date() } });
    const straggler = redisAt(src.port);
    await straggler.client("SETNAME", "billing-api-7");
    const idle = redisAt(src.port);
    await idle.client("SETNAME", "switched-reader");
    await idle.get("k");
    let writing = true;
    const load = (async () => {
      for (let i = 0; writing; i++) {
        await straggler.set(`order:${i % 50}`, String(i));
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const seen = await readOldSourceWriters({ migrationId: m.id });
    writing = false;
    await load;
    const billing = seen.clients.find((c) => c.name === "billing-api-7");
    expect(billing).toMatchObject({ lastCommand: "set" });
    expect(billing!.addr).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(seen.clients.find((c) => c.name === "switched-reader")?.lastCommand).toBe("get");
    // Ferry's own connection is not listed as an application.
    expect(seen.clients.some((c) => c.name.startsWith("ferry-"))).toBe(false);
    expect(seen.writes.find((w) => w.command === "set")?.calls).toBeGreaterThan(10);
    straggler.disconnect();
    idle.disconnect();
  });

  it("refuses before the cutover is recorded", async () => {
    const m = await createMigrationRow({ name: "ows-pre", source: src, target: tgt });
    await expect(readOldSourceWriters({ migrationId: m.id })).rejects.toMatchObject({ code: "ILLEGAL_TRANSITION" });
  });
});
