import "../../test/use-test-db";
import http from "node:http";
import path from "node:path";
import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { seedUser } from "../users/test-helpers/seed-user";
import { recordEvent } from "../events/record-event";
import { pollUntil } from "@/test/test-helpers/poll-until";
import { createWebhook } from "./webhook-store";
import { deliverDueWebhooks, WEBHOOK_CLAIM_MS } from "./deliver-webhooks";

const hits: string[] = [];
/** Requests to /hold are read and never answered: the sender is stuck mid-send. */
const receiver = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    hits.push(req.url ?? "");
    if (req.url?.startsWith("/hold")) return;
    res.statusCode = 204;
    res.end();
  });
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => {
  receiver.closeAllConnections();
  return new Promise<void>((r) => receiver.close(() => r()));
});

describe("webhook deliveries with several workers", () => {
  it("two workers polling at once send each delivery once", async () => {
    const admin = await seedUser({ role: "admin" });
    await createWebhook({ actor: admin, input: { url: `${base}/once`, format: "json", events: ["step_failed"] } });
    for (let i = 0; i < 5; i++) await recordEvent({ type: "step.failed", message: `step ${i} failed`, migrationId: "m1" });
    const [a, b] = await Promise.all([deliverDueWebhooks(), deliverDueWebhooks()]);
    expect(a + b).toBe(5);
    expect(hits.filter((h) => h.startsWith("/once"))).toHaveLength(5);
    const rows = await db.webhookDelivery.findMany({ where: { webhook: { url: `${base}/once` } } });
    expect(rows.map((r) => `${r.status} ${r.attempts}`)).toEqual(Array(5).fill("delivered 1"));
  });

  it("a worker killed mid-send leaves the delivery to another once its claim lapses", async () => {
    const admin = await seedUser({ role: "admin" });
    const hook = await createWebhook({ actor: admin, input: { url: `${base}/hold`, format: "json", events: ["cutover_done"] } });
    await recordEvent({ type: "migration.state", message: "cut over", migrationId: "m2", data: { to: "completed" } });
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "test-helpers/deliver-once-process.ts")], {
      env: process.env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    const exited = new Promise((r) => child.once("exit", r));
    try {
      await pollUntil("the first worker to be mid-send", () => hits.includes("/hold"), { timeoutMs: 20_000 });
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
    // The receiver starts answering; the claim still holds, so nobody sends it again yet.
    await db.webhook.update({ where: { id: hook.id }, data: { url: `${base}/after` } });
    expect(await deliverDueWebhooks()).toBe(0);
    expect(await deliverDueWebhooks(new Date(Date.now() + WEBHOOK_CLAIM_MS))).toBe(1);
    expect(hits.filter((h) => h === "/after")).toHaveLength(1);
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } });
    expect(`${row.status} ${row.attempts}`).toBe("delivered 2");
  }, 30_000);
});
