import { expect, test } from "@playwright/test";
import { E2E } from "./env";
import { signIn } from "./helpers";

test("an admin creates a token (shown once), it works as Bearer with its role, and stops when revoked", async ({ page, request }) => {
  await signIn(page, E2E.admin);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Token name").fill("e2e-viewer-token");
  await form.getByLabel("Token role").selectOption("viewer");
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^fry_[\w-]{40,}$/);
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0); // shown once
  const row = page.getByTestId("token-row-e2e-viewer-token");
  await expect(row).toContainText("viewer");
  await expect(row).not.toContainText(token);

  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.get("/api/v1/migrations", { headers: auth })).status()).toBe(200);
  const refused = await request.post("/api/v1/migrations", { headers: auth, data: { name: "x", strategy: "online", sourceId: "a", targetId: "b" } });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({ error: { code: "FORBIDDEN", message: "This needs the operator role; you are viewer." } });
  expect((await request.get("/api/v1/tokens", { headers: auth })).status()).toBe(403);

  await page.reload();
  await expect(row).not.toContainText("never"); // last used is recorded
  await row.getByRole("button", { name: "Revoke e2e-viewer-token" }).click();
  await expect(row).toContainText("revoked");
  const after = await request.get("/api/v1/migrations", { headers: auth });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("UNAUTHENTICATED");
});
