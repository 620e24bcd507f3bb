import "../../test/use-test-db";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { redisAt, waitFor } from "../../lab/test-clients";
import { db } from "../db";
import { startSampler, type TSampler } from "../monitor/sampler";
import { createMigrationRow } from "../monitor/test-helpers/fixtures";
import { seedUser } from "../users/test-helpers/seed-user";
import { deliverDueWebhooks } from "./deliver-webhooks";
import { createWebhook } from "./webhook-store";

// Faster clocks than production's; the transitions do not depend on them.
const INTERVAL = 250;
const WATCH_INTERVAL = 500;
const REFRESH = 200;

const hits: { kind: string; migrationId: string; message: string }[] = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    hits.push(JSON.parse(body));
    res.statusCode = 204;
    res.end();
  });
});
let src: RedisProcess, tgt: RedisProcess, oldSrc: RedisProcess, newTgt: RedisProcess;
let sampler: TSampler;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const eventsOf = (migrationId: string, type: string) => db.event.findMany({ where: { migrationId, type }, orderBy: { at: "asc" } });

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const admin = await seedUser({ role: "admin" });
  await createWebhook({ actor: admin, input: { url, format: "json", events: ["gate_open", "post_cutover_anomaly"] } });
  [src, tgt, oldSrc, newTgt] = await Promise.all(["src", "tgt", "old-src", "new-tgt"].map((name) => startRedis({ name, args: ["--repl-diskless-sync-delay", "0"] })));
  await redisAt(src.port).eval("for i=1,1000 do redis.call('SET', 'k:'..i, 'v') end", 0);
  sampler = startSampler({ intervalMs: INTERVAL, refreshMs: REFRESH, watchIntervalMs: WATCH_INTERVAL });
});

afterAll(async () => {
  await sampler?.stop();
  await new Promise<void>((r) => receiver.close(() => r()));
});

describe("notifications from the monitor", () => {
  it("a gate that opens sends exactly one gate_open; it closing again is recorded with the reason", async () => {
    const m = await createMigrationRow({ name: "gate", source: src, target: tgt, options: { gate: { stableSeconds: 1, maxLagBytes: 10_000 } } });
    await redisAt(tgt.port).replicaof("127.0.0.1", src.port);
    await waitFor("gate.opened", async () => (await eventsOf(m.id, "gate.opened")).length > 0, 20_000);
    // Many more ticks with the gate still open: no second opening.
    await sleep(10 * INTERVAL + 2 * REFRESH);
    expect(await eventsOf(m.id, "gate.opened")).toHaveLength(1);
    await deliverDueWebhooks();
    expect(hits.filter((h) => h.migrationId === m.id)).toEqual([expect.objectContaining({ kind: "gate_open", message: expect.stringMatching(/cutover gate opened/) })]);

    await redisAt(tgt.port).replicaof("NO", "ONE");
    const [closed] = await waitFor("gate.closed", async () => { const e = await eventsOf(m.id, "gate.closed"); return e.length ? e : undefined; }, 20_000);
    expect(closed.message).toMatch(/Replication link up/);
    await deliverDueWebhooks();
    // A closing is on the timeline, not a page.
    expect(hits.filter((h) => h.migrationId === m.id)).toHaveLength(1);
  });

  it("writes to the old source after cutover send one post_cutover_anomaly naming the writes", async () => {
    const old = redisAt(oldSrc.port);
    await redisAt(newTgt.port).set("seed", "1");
    const m = await createMigrationRow({ name: "after", source: oldSrc, target: newTgt, state: "completed", watchUntil: new Date(Date.now() + 600_000) });
    await db.migration.update({ where: { id: m.id }, data: { cutoverAt: new Date() } });
    // A quiet old source first: a couple of watch readings find nothing.
    await sleep(3 * WATCH_INTERVAL + 2 * REFRESH);
    expect(await db.event.count({ where: { migrationId: m.id, type: { startsWith: "anomaly." } } })).toBe(0);
    // An application that was not switched keeps writing across several watch readings.
    const until = Date.now() + 6 * WATCH_INTERVAL;
    while (Date.now() < until) {
      await old.set(`app:${Date.now() % 50}`, "x");
      await old.del("app:gone");
      await sleep(20);
    }
    const anomalies = await db.event.findMany({ where: { migrationId: m.id, type: { startsWith: "anomaly." } } });
    expect(anomalies.map((a) => a.type)).toEqual(["anomaly.old_source_writes"]);
    await deliverDueWebhooks();
    const mine = hits.filter((h) => h.migrationId === m.id);
    expect(mine).toHaveLength(1);
    expect(mine[0].kind).toBe("post_cutover_anomaly");
    expect(mine[0].message).toMatch(/old source still receives writes after cutover: (SET|DEL) ×\d+/);
    expect(mine[0].message).toMatch(/point it at the new primary/);
    // Quiet again: the anomaly is cleared once, so a later writer is reported again.
    await waitFor("cleared", async () => (await eventsOf(m.id, "post_cutover.cleared")).length === 1, 10 * WATCH_INTERVAL);
    old.disconnect();
  });
});
