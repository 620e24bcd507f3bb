import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { env } from "../env";
import { createUser } from "./create-user";
import { changeRole } from "./change-role";
import { setUserDisabled } from "./set-user-disabled";
import { resetPassword } from "./reset-password";
import { changeOwnPassword } from "./change-own-password";
import { login } from "../auth/login";
import { findSessionUser } from "../auth/sessions";

const PW = "a long enough password";
const enabledAdmins = () => db.user.count({ where: { role: "admin", disabledAt: null } });

async function admins(prefix: string) {
  const a = await createUser({ actor: null, email: `${prefix}-a@example.com`, name: "A", role: "admin", password: PW });
  const b = await createUser({ actor: null, email: `${prefix}-b@example.com`, name: "B", role: "admin", password: PW });
  return [{ ...a, name: "A" }, { ...b, name: "B" }] as const;
}

describe("user administration", () => {
  it("two admins demoting each other at once leave one admin", async () => {
    const [a, b] = await admins("demote");
    const outcomes = await Promise.allSettled([
      changeRole({ actor: a, userId: b.id, role: "viewer" }),
      changeRole({ actor: b, userId: a.id, role: "viewer" }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await enabledAdmins()).toBe(1);
  });

  it("disables a user at once (sessions end, sign-in refused) and re-enables them", async () => {
    const admin = (await db.user.findFirstOrThrow({ where: { role: "admin" } }));
    const actor = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
    await createUser({ actor: null, email: "dis@example.com", name: "Dis", role: "operator", password: PW });
    const { token, user } = await login({ email: "dis@example.com", password: PW, ip: "10.0.0.2" });
    await setUserDisabled({ actor, userId: user.id, disabled: true });
    expect(await findSessionUser(token)).toBeNull();
    await expect(login({ email: "dis@example.com", password: PW, ip: "10.0.0.2" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await setUserDisabled({ actor, userId: user.id, disabled: false });
    expect((await login({ email: "dis@example.com", password: PW, ip: "10.0.0.2" })).user.id).toBe(user.id);
    expect(await db.event.count({ where: { type: { in: ["user.disabled", "user.enabled"] } } })).toBe(2);
  });

  it("never disables the last enabled admin, even when two admins disable each other at once", async () => {
    await db.user.updateMany({ where: { role: "admin" }, data: { role: "viewer" } });
    const [a, b] = await admins("disable");
    await Promise.allSettled([
      setUserDisabled({ actor: a, userId: b.id, disabled: true }),
      setUserDisabled({ actor: b, userId: a.id, disabled: true }),
    ]);
    expect(await enabledAdmins()).toBe(1);
    // Either may have won the race; the one left cannot be disabled by the other either.
    const left = await db.user.findFirstOrThrow({ where: { role: "admin", disabledAt: null } });
    const [survivor, other] = left.id === a.id ? [a, b] : [b, a];
    await expect(setUserDisabled({ actor: other, userId: survivor.id, disabled: true })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("last enabled admin") });
  });

  it("an admin's password reset ends the user's sessions; the new password signs in", async () => {
    const admin = await db.user.findFirstOrThrow({ where: { role: "admin", disabledAt: null } });
    const u = await createUser({ actor: null, email: "reset@example.com", name: "R", role: "viewer", password: PW });
    const { token } = await login({ email: u.email, password: PW, ip: "10.0.0.3" });
    await resetPassword({ actor: { ...admin }, userId: u.id, password: "a brand new password" });
    expect(await findSessionUser(token)).toBeNull();
    await expect(login({ email: u.email, password: PW, ip: "10.0.0.3" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await login({ email: u.email, password: "a brand new password", ip: "10.0.0.4" })).user.id).toBe(u.id);
  });

  it("everyone changes their own password with the current one; other sessions end, this one stays", async () => {
    await createUser({ actor: null, email: "self@example.com", name: "S", role: "viewer", password: PW });
    const here = await login({ email: "self@example.com", password: PW, ip: "10.0.0.5" });
    const elsewhere = await login({ email: "self@example.com", password: PW, ip: "10.0.0.6" });
    const actor = here.user;
    await expect(changeOwnPassword({ actor, currentPassword: "wrong", newPassword: "another long password", ip: "10.0.0.5" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await changeOwnPassword({ actor, currentPassword: PW, newPassword: "another long password", keepSessionToken: here.token, ip: "10.0.0.5" });
    expect(await findSessionUser(here.token)).not.toBeNull();
    expect(await findSessionUser(elsewhere.token)).toBeNull();
    expect((await login({ email: "self@example.com", password: "another long password", ip: "10.0.0.7" })).user.id).toBe(actor.id);
  });

  it("ends a session left idle longer than FERRY_SESSION_IDLE_MINUTES, before its absolute expiry", async () => {
    await createUser({ actor: null, email: "idle@example.com", name: "I", role: "viewer", password: PW });
    const { token, user } = await login({ email: "idle@example.com", password: PW, ip: "10.0.0.8" });
    const idleMs = env().FERRY_SESSION_IDLE_MINUTES * 60_000;
    await db.session.updateMany({ where: { userId: user.id }, data: { lastSeen: new Date(Date.now() - idleMs + 60_000) } });
    expect(await findSessionUser(token)).not.toBeNull();
    await db.session.updateMany({ where: { userId: user.id }, data: { lastSeen: new Date(Date.now() - idleMs - 1_000) } });
    expect(await findSessionUser(token)).toBeNull();
  });
});
