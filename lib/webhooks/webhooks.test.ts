import "../../test/use-test-db";
import http from "node:http";
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { seedUser } from "../users/test-helpers/seed-user";
import { recordEvent } from "../events/record-event";
import { createWebhook, listWebhooks } from "./webhook-store";
import { deliverDueWebhooks, WEBHOOK_BACKOFF_MS } from "./deliver-webhooks";
import { webhookUrlProblem } from "./webhook-input";
import { resealWebhookSecrets } from "./reseal-webhook-secrets";
import { decryptSecret, generateSecretKey, parseSecretKey } from "../crypto/secrets";
import { secretKeyring } from "../secret-key";

type THit = { body: string; signature: string };
const hits: THit[] = [];
let failNext = 0;
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    hits.push({ body, signature: String(req.headers["x-ferry-signature"]) });
    res.statusCode = failNext-- > 0 ? 500 : 204;
    res.end();
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

function verify(secret: string, hit: THit): boolean {
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(hit.signature) ?? [];
  return !!t && crypto.createHmac("sha256", secret).update(`${t}.${hit.body}`).digest("hex") === v1;
}

describe("webhooks", () => {
  it("a failed step reaches a JSON and a Slack receiver, signed with each webhook's secret; other events do not", async () => {
    const admin = await seedUser({ role: "admin" });
    const json = await createWebhook({ actor: admin, input: { url, format: "json", events: ["step_failed"] } });
    const slack = await createWebhook({ actor: admin, input: { url: url + "?slack", format: "slack", events: ["step_failed", "cutover_done"] } });
    await recordEvent({ type: "endpoint.tested", message: "not notified" });
    await recordEvent({ type: "step.failed", message: "sync step failed: target refused", migrationId: "m1" });
    expect(await deliverDueWebhooks()).toBe(2);
    expect(hits).toHaveLength(2);
    const jsonHit = hits.find((h) => h.body.includes('"kind"'))!;
    expect(JSON.parse(jsonHit.body)).toMatchObject({ kind: "step_failed", migrationId: "m1", message: "sync step failed: target refused" });
    expect(verify(json.secret, jsonHit)).toBe(true);
    expect(verify(slack.secret, jsonHit)).toBe(false);
    const slackHit = hits.find((h) => h.body.includes('"text"'))!;
    expect(JSON.parse(slackHit.body).text).toContain("step failed: sync step failed");
    expect(verify(slack.secret, slackHit)).toBe(true);
    const listed = await listWebhooks();
    expect(listed.flatMap((w) => w.deliveries.map((d) => d.status))).toEqual(["delivered", "delivered"]);
    expect(JSON.stringify(listed)).not.toContain(json.secret);
  });

  it("a receiver that fails is retried after the backoff, and the delivery records each attempt", async () => {
    await db.webhook.deleteMany();
    hits.length = 0;
    const admin = await seedUser({ role: "admin" });
    await createWebhook({ actor: admin, input: { url, format: "json", events: ["cutover_done"] } });
    failNext = 1;
    await recordEvent({ type: "migration.state", message: "cutting-over → completed", migrationId: "m2", data: { from: "cutting-over", to: "completed" } });
    await deliverDueWebhooks();
    let d = await db.webhookDelivery.findFirstOrThrow({ where: { migrationId: "m2" } });
    expect(d).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500, lastError: "HTTP 500" });
    expect(await deliverDueWebhooks()).toBe(0); // not before the backoff
    await deliverDueWebhooks(new Date(Date.now() + WEBHOOK_BACKOFF_MS));
    d = await db.webhookDelivery.findFirstOrThrow({ where: { id: d.id } });
    expect(d).toMatchObject({ status: "delivered", attempts: 2, lastStatus: 204 });
    expect(hits).toHaveLength(2);
  });

  it("URLs: https always, http only when allowed, never credentials in the URL", async () => {
    expect(webhookUrlProblem("https://hooks.example.com/x", false)).toBeUndefined();
    expect(webhookUrlProblem("http://127.0.0.1:9/x", false)).toMatch(/https/);
    expect(webhookUrlProblem("http://127.0.0.1:9/x", true)).toBeUndefined();
    expect(webhookUrlProblem("https://u:p@example.com/", true)).toMatch(/credentials/);
    expect(webhookUrlProblem("file:///etc/passwd", true)).toBeDefined();
  });

  it("a key rotation re-encrypts the signing secrets under the new key", async () => {
    const admin = await seedUser({ role: "admin" });
    const hook = await createWebhook({ actor: admin, input: { url, format: "json", events: ["step_failed"] } });
    const next = parseSecretKey(generateSecretKey());
    const r = await resealWebhookSecrets({ current: next, all: [next, ...secretKeyring().all] });
    expect(r.unreadable).toEqual([]);
    expect(r.resealed).toBeGreaterThanOrEqual(1);
    const row = await db.webhook.findUniqueOrThrow({ where: { id: hook.id } });
    expect(decryptSecret(row.secretEnc, [next], { column: "Webhook.secretEnc", rowId: hook.id })).toBe(hook.secret);
  });
});
