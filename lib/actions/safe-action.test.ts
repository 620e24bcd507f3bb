import "../../test/use-test-db";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createActionClient } from "./safe-action";
import type { TSessionUser } from "../auth/sessions";

const viewer: TSessionUser = { id: "v", email: "v@example.com", name: "V", role: "viewer" };
const operator: TSessionUser = { ...viewer, id: "o", email: "o@example.com", role: "operator" };

const refusals: unknown[] = [];

function clientFor(user: TSessionUser | null) {
  return createActionClient({ getContext: async () => ({ user, ip: "10.0.0.9" }), reportUnexpected: async () => "evt_1", recordRefusal: async (r) => refusals.push(r) });
}

describe("the action helper", () => {
  const run = vi.fn(async ({ input }: { input: { n: number } }) => ({ doubled: input.n * 2 }));
  const operatorAction = (user: TSessionUser | null) =>
    clientFor(user)({ name: "double", role: "operator", input: z.object({ n: z.coerce.number() }), run });

  it("refuses a viewer before parsing input or running the service", async () => {
    run.mockClear();
    const r = await operatorAction(viewer)({ n: 2 });
    expect(r).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(run).not.toHaveBeenCalled();
    // The refused attempt is in the audit log, with who, what and from where.
    expect(refusals.at(-1)).toEqual({ user: viewer, action: "double", reason: "This needs the operator role; you are viewer.", ip: "10.0.0.9" });
  });

  it("refuses a caller without a session", async () => {
    expect(await operatorAction(null)({ n: 2 })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("runs for an operator and accepts FormData as forms send it", async () => {
    expect(await operatorAction(operator)({ n: 2 })).toEqual({ ok: true, data: { doubled: 4 } });
    const form = new FormData();
    form.set("n", "5");
    expect(await operatorAction(operator)(null, form)).toEqual({ ok: true, data: { doubled: 10 } });
  });

  it("returns field errors for bad input", async () => {
    const r = await operatorAction(operator)({ n: "x" });
    expect(r).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { n: expect.any(String) } });
  });

  it("hides unexpected errors behind a reference", async () => {
    const boom = clientFor(operator)({ name: "boom", role: "operator", input: z.unknown(), run: async () => { throw new Error("db password is hunter2"); } });
    const r = await boom({});
    expect(r).toEqual({ ok: false, code: "INTERNAL", message: "Something went wrong. Reference: evt_1." });
  });
});
