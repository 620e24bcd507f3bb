import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { TSessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { HTTP_STATUS } from "./http-status";
import { createRouteHandler } from "./route-handler";

const viewer: TSessionUser = { id: "u1", email: "v@test", name: "V", role: "viewer" };
const operator: TSessionUser = { ...viewer, id: "u2", email: "o@test", role: "operator" };

function setup(user: TSessionUser | null, run: () => Promise<unknown>) {
  const calls: string[] = [];
  const route = createRouteHandler({ resolvers: [async () => null, async () => user], reportUnexpected: async () => "evt_42" });
  const GET = route({
    name: "probe",
    role: "operator",
    params: z.object({ id: z.string().regex(/^m\d+$/) }),
    query: z.object({ format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json") }),
    run: async ({ params, query }) => {
      calls.push(`${params.id}:${query.format}`);
      return run();
    },
  });
  const call = async (qs = "", id = "m1") => {
    const res = await GET(new Request(`http://127.0.0.1/api/v1/probe/${id}${qs}`), { params: Promise.resolve({ id }) });
    return { status: res.status, body: await res.json().catch(() => null), headers: res.headers };
  };
  return { call, calls };
}

describe("api route helper", () => {
  it("401 without a session, 403 below the role, both before the query is parsed or the service called", async () => {
    const anon = setup(null, async () => ({ ok: true }));
    expect(await anon.call("?format=xml")).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED", message: "Sign in first." } } });
    const low = setup(viewer, async () => ({ ok: true }));
    expect(await low.call("?format=xml")).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN", message: "This needs the operator role; you are viewer." } } });
    expect([...anon.calls, ...low.calls]).toEqual([]);
  });

  it("a bad query is 400 with the field named; a path param that does not parse is 404", async () => {
    const s = setup(operator, async () => ({ ok: true }));
    expect(await s.call("?format=xml")).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", message: "format: format must be json or csv" } } });
    expect((await s.call("", "../etc")).status).toBe(404);
    expect(s.calls).toEqual([]);
  });

  it("calls the service with parsed input and answers JSON that is never cached", async () => {
    const s = setup(operator, async () => ({ rows: 3 }));
    const res = await s.call("?format=csv&extra=1");
    expect(res).toMatchObject({ status: 200, body: { rows: 3 } });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(s.calls).toEqual(["m1:csv"]);
  });

  it("passes a Response through untouched (downloads)", async () => {
    const s = setup(operator, async () => new Response("a,b\r\n", { headers: { "Content-Type": "text/csv" } }));
    const res = await s.call();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv");
  });

  it("maps each AppError code through the one status table, with the one body", async () => {
    for (const [code, status] of [["NOT_FOUND", 404], ["CONFLICT", 409], ["AWS_THROTTLED", 503], ["RECORD_INVALID", 500]] as const) {
      const s = setup(operator, async () => {
        throw new AppError(code, `said ${code}`);
      });
      expect(HTTP_STATUS[code]).toBe(status);
      expect(await s.call()).toMatchObject({ status, body: { error: { code, message: `said ${code}` } } });
    }
  });

  it("an unexpected failure is a 500 with a reference, never the internal message", async () => {
    const s = setup(operator, async () => {
      throw new Error("password=hunter2 in a stack");
    });
    const res = await s.call();
    expect(res).toMatchObject({ status: 500, body: { error: { code: "INTERNAL", message: "Something went wrong. Reference: evt_42." } } });
    expect(JSON.stringify(res.body)).not.toContain("hunter2");
  });
});
