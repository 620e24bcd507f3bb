import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createLogger } from "./logger";
import { redactRedisError } from "./redis/redact-redis-error";
import { createRouteHandler, type TRequestLog } from "./api/route-handler";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const dest = new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done(); } });
  return { lines, dest };
}

describe("structured logs", () => {
  it("writes JSON lines at the configured level with secrets redacted", async () => {
    const { lines, dest } = capture();
    const log = createLogger(dest as never, "warn");
    log.info("not at warn level");
    const err = Object.assign(new Error("WRONGPASS"), { command: { name: "auth", args: ["default", "hunter2"] } });
    log.error({ err: redactRedisError(err), headers: { authorization: "Bearer fry_abc" }, migrationId: "m1" }, "sampler failed");
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: "sampler failed", migrationId: "m1", headers: { authorization: "[redacted]" } });
    expect(JSON.stringify(lines)).not.toContain("hunter2");
    expect(JSON.stringify(lines)).not.toContain("fry_abc");
  });

  it("the API helper logs one entry per request with its request id, user and migration", async () => {
    const entries: TRequestLog[] = [];
    const route = createRouteHandler({ resolvers: [async () => ({ id: "u", email: "op@x", name: "op", role: "operator" })], reportUnexpected: async () => "e", logRequest: (e) => entries.push(e) });
    const GET = route({ name: "probe", role: "viewer", params: z.object({ id: z.string() }), query: z.object({}), run: async () => ({ ok: true }) });
    const res = await GET(new Request("http://127.0.0.1/api/v1/migrations/m9/samples", { headers: { "X-Request-Id": "req-1" } }), { params: Promise.resolve({ id: "m9" }) });
    expect(res.headers.get("x-request-id")).toBe("req-1");
    expect(entries).toEqual([expect.objectContaining({ requestId: "req-1", route: "probe", status: 200, user: "op@x", migrationId: "m9" })]);
  });
});
