import { expect, test, type APIRequestContext } from "@playwright/test";
import { readLab } from "./lab";
import { issueOperatorToken } from "./helpers";


async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  await expect.poll(async () => ok(await read()), { message: what, timeout: timeoutMs }).toBe(true);
  return read();
}

test("a whole online migration through /api/v1 with a token", async ({ page, request }) => {
  test.setTimeout(240_000);
  const headers = { Authorization: `Bearer ${await issueOperatorToken(page, "e2e-ci")}` };
  await page.close();
  const api = (r: APIRequestContext) => ({
    get: async (path: string) => { const res = await r.get(path, { headers }); return { status: res.status(), body: await res.json() }; },
    post: async (path: string, data: unknown = {}, extra: Record<string, string> = {}) => { const res = await r.post(path, { headers: { ...headers, ...extra }, data }); return { status: res.status(), body: await res.json() }; },
  });
  const a = api(request);
  const lab = readLab();
  const source = lab.selfManaged.find((s) => s.name === "source")!;

  const src = await a.post("/api/v1/endpoints", { kind: "self-managed", name: "api-source", host: source.host, port: source.port, tls: false, dbCount: 16 });
  expect(src.status).toBe(200);
  const tgt = await a.post("/api/v1/endpoints", { kind: "elasticache", name: "api-target", region: lab.region, replicationGroupId: "ferry-api-target", credentialKind: "default", tls: false });
  expect(tgt.status).toBe(200);
  expect((await a.post(`/api/v1/endpoints/${tgt.body.id}/test`)).status).toBe(200);

  const m = await a.post("/api/v1/migrations", { name: "api online", strategy: "online", sourceId: src.body.id, targetId: tgt.body.id });
  expect(m.status).toBe(200);
  const id: string = m.body.id;
  expect((await a.post(`/api/v1/migrations/${id}/preflight`)).status).toBe(200);
  expect((await a.post(`/api/v1/migrations/${id}/override`, { reason: "lab: the ElastiCache nodes share the loopback host" })).status).toBe(200);
  expect((await a.post(`/api/v1/migrations/${id}/baselines`, { endpointId: src.body.id, label: "before" })).status).toBe(200);

  const start = await a.post(`/api/v1/migrations/${id}/start`, {}, { "Idempotency-Key": "start-1" });
  expect(start.status).toBe(200);
  expect(await a.post(`/api/v1/migrations/${id}/start`, {}, { "Idempotency-Key": "start-1" })).toEqual(start); // a retried start is the first answer, not a 409

  // Polled as text, so a failure shows where the migration stopped and why.
  await expect.poll(async () => {
    const r = await a.get(`/api/v1/migrations/${id}`);
    return r.body.state === "in-sync" ? "in-sync" : `${r.body.state} ${JSON.stringify(r.body.lastError ?? null)}`;
  }, { message: "in sync", timeout: 120_000 }).toBe("in-sync");
  expect((await a.post(`/api/v1/migrations/${id}/cutover`, { confirmName: "wrong-name" })).status).toBe(400);
  // The gate may still be settling: the API answers 409 until it opens.
  let attempt = 0;
  const cutoverWith = (key: string) => a.post(`/api/v1/migrations/${id}/cutover`, { confirmName: "api-target" }, { "Idempotency-Key": key });
  let accepted = { key: "", body: null as unknown };
  await expect.poll(async () => {
    const key = `cut-${++attempt}`;
    const r = await cutoverWith(key);
    if (r.status === 200) accepted = { key, body: r.body };
    return r.status;
  }, { message: "cutover accepted", timeout: 90_000 }).toBe(200);
  expect(await cutoverWith(accepted.key)).toEqual({ status: 200, body: accepted.body }); // a retried cutover replays the first answer
  await until("completed", () => a.get(`/api/v1/migrations/${id}`), (r) => r.body.state === "completed", 90_000);

  await until("verified", () => a.get(`/api/v1/migrations/${id}/verification`), (r) => r.body.verification?.status === "done", 90_000);
  const report = await a.get(`/api/v1/migrations/${id}/report?format=json`);
  expect(report.body.verdict.result).toBe("PASS");
  const events = await a.get(`/api/v1/migrations/${id}/events?limit=200`);
  expect(events.body.map((e: { type: string }) => e.type)).toContain("migration.cutover_requested");
  expect((await a.get(`/api/v1/migrations/${id}/samples?range=all`)).status).toBe(200);
});
