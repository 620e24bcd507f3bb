import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createUser } from "../users/create-user";
import { login } from "./login";
import { findSessionUser, revokeSession } from "./sessions";
import { MAX_FAILURES_PER_EMAIL } from "./login-rate-limit";

const PASSWORD = "correct horse battery";

describe("login", () => {
  it("opens a session for the right password and records the sign-in", async () => {
    await createUser({ actor: null, email: "Ana@Example.com", name: "Ana", role: "operator", password: PASSWORD });
    const { token, user } = await login({ email: "ana@example.com", password: PASSWORD, ip: "10.0.0.1" });
    expect(user.role).toBe("operator");
    expect((await findSessionUser(token))?.email).toBe("ana@example.com");
    expect(await db.event.count({ where: { type: "auth.login", actorEmail: "ana@example.com" } })).toBe(1);
    await revokeSession(token);
    expect(await findSessionUser(token)).toBeNull();
  });

  it("refuses a wrong password with a message that does not say which part was wrong", async () => {
    await createUser({ actor: null, email: "ben@example.com", name: "Ben", role: "viewer", password: PASSWORD });
    await expect(login({ email: "ben@example.com", password: "nope" })).rejects.toMatchObject({ code: "UNAUTHENTICATED", message: "Wrong email or password." });
    await expect(login({ email: "nobody@example.com", password: "nope" })).rejects.toMatchObject({ message: "Wrong email or password." });
    expect(await db.event.count({ where: { type: "auth.login_failed" } })).toBeGreaterThanOrEqual(2);
  });

  it("locks an email out after repeated failures, even with the right password", async () => {
    await createUser({ actor: null, email: "cy@example.com", name: "Cy", role: "viewer", password: PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      await expect(login({ email: "cy@example.com", password: `wrong${i}` })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
    await expect(login({ email: "cy@example.com", password: PASSWORD })).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("does not accept an expired session", async () => {
    await createUser({ actor: null, email: "dee@example.com", name: "Dee", role: "viewer", password: PASSWORD });
    const { token } = await login({ email: "dee@example.com", password: PASSWORD });
    await db.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findSessionUser(token)).toBeNull();
  });
});
