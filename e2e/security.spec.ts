import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env";
import { signIn } from "./helpers";

function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test("every response carries the security headers; page scripts carry the request's nonce", async ({ page, request }) => {
  const res = await request.get("/login");
  const h = res.headers();
  const csp = h["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  const nonce = /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("same-origin");
  const html = await res.text();
  expect(html).toContain(`nonce="${nonce}"`);
  // A second request gets another nonce.
  expect((await request.get("/login")).headers()["content-security-policy"]).not.toBe(csp);

  const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
  expect(script).toBeTruthy();
  expect((await request.get(script!)).headers()["x-content-type-options"]).toBe("nosniff");
  const api = await request.get("/api/health");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

  // Under that policy the app still runs: sign-in, navigation and the settings forms work.
  const violations = cspViolations(page);
  await signIn(page, E2E.viewer);
  for (const [link, heading] of [["Endpoints", "Endpoints"], ["Migrations", "Migrations"], ["Settings", "Settings"]]) {
    await page.getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
  }
  await expect(page.getByRole("form", { name: "Change your password" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("the audit log records the socket's address, not a forged X-Forwarded-For", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.9", "X-Real-IP": "203.0.113.9" } });
  const page = await context.newPage();
  const email = `forged-${Date.now()}@e2e.test`;
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toBeVisible();
  await context.close();
  const db = new Database(E2E.dbFile, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(`SELECT ip FROM Event WHERE type = 'auth.login_failed' AND actorEmail = ?`).get(email) as { ip: string | null } | undefined;
    expect(row?.ip).toBe("127.0.0.1");
  } finally {
    db.close();
  }
});
