import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createUser } from "../users/create-user";
import { login } from "./login";
import { findSessionUser, revokeSession } from "./sessions";
import { FREE_FAILURES_PER_ACCOUNT_CLIENT, loginDelayMs } from "./login-rate-limit";

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

  it("slows a failing client down with growing waits but lets the owner in from elsewhere", async () => {
    await createUser({ actor: null, email: "cy@example.com", name: "Cy", role: "viewer", password: PASSWORD });
    const attacker = { email: "cy@example.com", ip: "203.0.113.66" };
    for (let i = 0; i < FREE_FAILURES_PER_ACCOUNT_CLIENT; i++) {
      await expect(login({ ...attacker, password: `wrong${i}` })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
    // Even the right password waits when it comes from the client that has been failing.
    await expect(login({ ...attacker, password: PASSWORD })).rejects.toMatchObject({ code: "RATE_LIMITED", detail: { retryAfterSeconds: 1 } });
    // The owner, from a client that has not been failing, signs in at once.
    expect((await login({ email: "cy@example.com", password: PASSWORD, ip: "198.51.100.7" })).user.email).toBe("cy@example.com");

    // Once the wait has passed the attacker may try again, and the next wait is longer.
    await ageFailures(loginDelayMs(FREE_FAILURES_PER_ACCOUNT_CLIENT, FREE_FAILURES_PER_ACCOUNT_CLIENT));
    await expect(login({ ...attacker, password: "wrong-again" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(login({ ...attacker, password: "wrong" })).rejects.toMatchObject({ code: "RATE_LIMITED", detail: { retryAfterSeconds: 2 } });
    // Throttled attempts are refused before the password is checked and leave no failure behind.
    expect(await db.event.count({ where: { type: "auth.login_failed", ip: attacker.ip } })).toBe(FREE_FAILURES_PER_ACCOUNT_CLIENT + 1);
  });

  it("stores no unbounded email: a 900 KB email is refused before any row is written", async () => {
    const before = await db.event.count();
    await expect(login({ email: `${"a".repeat(900_000)}@example.com`, password: "x", ip: "203.0.113.5" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await db.event.count()).toBe(before);
  });

  it("does not accept an expired session", async () => {
    await createUser({ actor: null, email: "dee@example.com", name: "Dee", role: "viewer", password: PASSWORD });
    const { token } = await login({ email: "dee@example.com", password: PASSWORD });
    await db.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findSessionUser(token)).toBeNull();
  });
});

/** Moves every recorded failure back in time, as if the wait had passed. */
async function ageFailures(ms: number) {
  for (const e of await db.event.findMany({ where: { type: "auth.login_failed" } })) {
    await db.event.update({ where: { id: e.id }, data: { at: new Date(e.at.getTime() - ms) } });
  }
}
