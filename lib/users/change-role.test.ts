import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createUser } from "./create-user";
import { changeRole } from "./change-role";
import { login } from "../auth/login";
import { findSessionUser } from "../auth/sessions";

const PW = "a long enough password";

describe("changeRole", () => {
  it("changes the role, ends the user's sessions and writes an event", async () => {
    const admin = await createUser({ actor: null, email: "root@example.com", name: "Root", role: "admin", password: PW });
    await createUser({ actor: null, email: "op@example.com", name: "Op", role: "viewer", password: PW });
    const { token, user } = await login({ email: "op@example.com", password: PW });
    const actor = { ...admin, name: "Root" };
    await changeRole({ actor, userId: user.id, role: "operator" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("operator");
    expect(await findSessionUser(token)).toBeNull();
    const ev = await db.event.findFirstOrThrow({ where: { type: "user.role_changed" } });
    expect(ev.message).toBe("root@example.com changed op@example.com from viewer to operator");
  });

  it("refuses to demote the last admin", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "root@example.com" } });
    await expect(changeRole({ actor: admin, userId: admin.id, role: "viewer" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses a duplicate email", async () => {
    await expect(createUser({ actor: null, email: "OP@example.com", name: "x", role: "viewer", password: PW })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
