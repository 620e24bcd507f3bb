import { expect, type Page } from "@playwright/test";

/** Signs in through the real form and waits for the console. */
export async function signIn(page: Page, user: { email: string; password: string }, base = "") {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/migrations$/);
  await expect(page.getByTestId("signed-in-as")).toContainText(user.email);
}
