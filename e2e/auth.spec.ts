import { expect, test } from "@playwright/test";
import { E2E } from "./env";
import { signIn } from "./helpers";

test("pages redirect to /login without a session", async ({ page }) => {
  for (const path of ["/", "/migrations", "/endpoints", "/settings"]) {
    await page.goto(path);
    await expect(page, `${path} should redirect`).toHaveURL(/\/login$/);
  }
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("a forged session cookie does not get past the pages", async ({ page, context }) => {
  await context.addCookies([{ name: "ferry_session", value: "forged", url: E2E.baseURL }]);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login$/);
});

test("the right password signs in; a wrong one does not", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E.operator.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login$/);

  await signIn(page, E2E.operator);
  await expect(page.getByRole("heading", { name: "Migrations" })).toBeVisible();
  // Other specs may already have created migrations: the list or its empty state, either way the signed-in page.
  await expect(page.getByRole("link", { name: "New migration" }).first()).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === "ferry_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.secure).toBe(true);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/migrations");
  await expect(page).toHaveURL(/\/login$/);
});

test("side navigation and theme switch", async ({ page }) => {
  await signIn(page, E2E.viewer);
  await page.getByRole("link", { name: "Endpoints" }).click();
  await expect(page.getByRole("heading", { name: "Endpoints" })).toBeVisible();
  await page.getByRole("button", { name: /Switch to dark theme/ }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
});
