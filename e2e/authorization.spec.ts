import { expect, test, type Request } from "@playwright/test";
import { E2E } from "./env";
import { signIn } from "./helpers";

test("an admin adds a user and changes a role; both are in the audit log", async ({ page }) => {
  await signIn(page, E2E.admin);
  await page.getByRole("link", { name: "Settings" }).click();
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Name").fill("Nia Operator");
  await form.getByLabel("Email").fill("nia@e2e.test");
  await form.getByLabel("Role").selectOption("viewer");
  await form.getByLabel("Initial password").fill("nia-password-123");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toHaveText("Added nia@e2e.test.");
  const row = page.getByTestId("user-row-nia@e2e.test");
  await expect(row).toBeVisible();
  await row.getByLabel("Role of nia@e2e.test").selectOption("operator");
  await expect(page.getByTestId("audit-log")).toContainText("changed nia@e2e.test from viewer to operator");
  await expect(page.getByTestId("audit-log")).toContainText("added nia@e2e.test as viewer");
});

test("viewers and operators calling the admin action directly are refused", async ({ page, browser, request }) => {
  // Capture the real server-action request an admin's browser sends...
  await signIn(page, E2E.admin);
  await page.goto("/settings");
  const captured = new Promise<Request>((resolve) => page.on("request", (r) => r.headers()["next-action"] && resolve(r)));
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Name").fill("Probe");
  await form.getByLabel("Email").fill("probe-1@e2e.test");
  await form.getByLabel("Initial password").fill("probe-password-1");
  await form.getByRole("button", { name: "Add user" }).click();
  const action = await captured;
  await expect(page.getByRole("status")).toHaveText("Added probe-1@e2e.test.");

  // ...then replay it with no UI, as a viewer, an operator and with no session at all.
  const body = (action.postData() ?? "").replaceAll("probe-1@e2e.test", "intruder@e2e.test");
  // Each replay on a connection of its own: a kept-alive one, idle while the next caller signs in,
  // can be closed by the server's keep-alive timeout just as it is reused (fresh run R: ECONNRESET).
  const replayHeaders = (cookie: string) => ({ ...pick(action.headers(), ["next-action", "next-router-state-tree", "content-type", "accept"]), cookie, connection: "close" });
  for (const who of [E2E.viewer, E2E.operator, null]) {
    const ctx = await browser.newContext();
    if (who) await signIn(await ctx.newPage(), who);
    const cookie = (await ctx.cookies()).find((c) => c.name === "ferry_session");
    const res = await request.post(action.url(), {
      headers: replayHeaders(cookie ? `ferry_session=${cookie.value}` : ""),
      data: body,
      maxRedirects: 0,
    });
    if (who) {
      expect(await res.text(), `${who.email} must be refused`).toMatch(/FORBIDDEN/);
    } else {
      // No session cookie at all: the proxy turns the caller away before the action runs.
      expect(res.status()).toBe(307);
      expect(res.headers()["location"]).toMatch(/\/login$/);
    }
    await ctx.close();
  }
  // A forged cookie gets past the proxy; the action itself checks the session in the database.
  const forged = await request.post(action.url(), {
    headers: replayHeaders("ferry_session=forged"),
    data: body,
  });
  expect(await forged.text()).toMatch(/UNAUTHENTICATED/);

  await page.reload();
  await expect(page.getByTestId("user-row-intruder@e2e.test")).toHaveCount(0);
  // Each refused attempt is an audit event naming who tried what.
  for (const who of [E2E.viewer, E2E.operator]) await expect(page.getByTestId("audit-log")).toContainText(`${who.email} was refused createUser`);
});

test("an admin disables a user, who can no longer sign in, re-enables them and resets their password", async ({ page, browser }) => {
  await signIn(page, E2E.admin);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Name").fill("Dora");
  await form.getByLabel("Email").fill("dora@e2e.test");
  await form.getByLabel("Role").selectOption("viewer");
  await form.getByLabel("Initial password").fill("dora-password-123");
  await form.getByRole("button", { name: "Add user" }).click();
  const row = page.getByTestId("user-row-dora@e2e.test");
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row.getByText("disabled", { exact: true })).toBeVisible();

  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await other.goto("/login");
  await other.getByLabel("Email").fill("dora@e2e.test");
  await other.getByLabel("Password").fill("dora-password-123");
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.getByRole("alert").filter({ hasText: "disabled" })).toHaveText("This account is disabled. Ask an admin to re-enable it.");

  await row.getByRole("button", { name: "Re-enable" }).click();
  await expect(row.getByRole("button", { name: "Disable" })).toBeVisible();
  await row.getByRole("button", { name: "Reset password" }).click();
  await row.getByLabel("New password for dora@e2e.test").fill("dora-new-password-1");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Password reset; their sessions ended.");
  await signIn(other, { email: "dora@e2e.test", password: "dora-new-password-1" });
  await ctx.close();
});

test("a viewer calling an operator action directly is refused and nothing is registered", async ({ page, browser, request }) => {
  await signIn(page, E2E.operator);
  await page.goto("/endpoints");
  const captured = new Promise<Request>((resolve) => page.on("request", (r) => r.headers()["next-action"] && resolve(r)));
  const form = page.getByRole("form", { name: "Register an endpoint" });
  await form.getByLabel("Name", { exact: true }).fill("probe-endpoint");
  await form.getByLabel("Host", { exact: true }).fill("127.0.0.1");
  await form.getByRole("button", { name: "Register endpoint" }).click();
  const action = await captured;
  await expect(page.getByRole("status")).toContainText("Registered probe-endpoint");

  const ctx = await browser.newContext();
  await signIn(await ctx.newPage(), E2E.viewer);
  const cookie = (await ctx.cookies()).find((c) => c.name === "ferry_session")!;
  const res = await request.post(action.url(), {
    headers: { ...pick(action.headers(), ["next-action", "next-router-state-tree", "content-type", "accept"]), cookie: `ferry_session=${cookie.value}` },
    data: (action.postData() ?? "").replaceAll("probe-endpoint", "viewer-endpoint"),
  });
  expect(await res.text()).toMatch(/FORBIDDEN/);
  await ctx.close();
  await page.reload();
  await expect(page.getByTestId("endpoint-viewer-endpoint")).toHaveCount(0);
});

test("a viewer does not see the team admin", async ({ page }) => {
  await signIn(page, E2E.viewer);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Add a user" })).toHaveCount(0);
});

function pick(h: Record<string, string>, keys: string[]) {
  return Object.fromEntries(keys.filter((k) => h[k] !== undefined).map((k) => [k, h[k]]));
}
