import { expect, type Page } from "@playwright/test";
import { E2E } from "./env";

/** Signs in through the real form and waits for the console. */
export async function signIn(page: Page, user: { email: string; password: string }, base = "") {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/migrations$/);
  await expect(page.getByTestId("signed-in-as")).toContainText(user.email);
}

/** Registers a self-managed endpoint through the Endpoints page form. */
export async function registerSelfManaged(page: Page, name: string, host: string, port: number) {
  await page.goto("/endpoints");
  const form = page.getByRole("form", { name: "Register an endpoint" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Host", { exact: true }).fill(host);
  await form.getByLabel("Port", { exact: true }).fill(String(port));
  await form.getByRole("button", { name: "Register endpoint" }).click();
  await expect(page.getByRole("status")).toContainText(`Registered ${name}`);
}

/** Registers an ElastiCache endpoint, picking the group from what DescribeReplicationGroups lists. */
export async function registerElastiCache(page: Page, name: string, groupId: string) {
  await page.goto("/endpoints");
  const form = page.getByRole("form", { name: "Register an endpoint" });
  await form.getByLabel("Kind").selectOption("elasticache");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByRole("button", { name: "Find groups" }).click();
  const picker = form.getByRole("combobox", { name: "Replication group" });
  await expect(picker).toContainText(`${groupId} · available`);
  await picker.selectOption(groupId);
  await form.getByRole("button", { name: "Register endpoint" }).click();
  await expect(page.getByRole("status")).toContainText(`Registered ${name}`);
}

/** Creates a migration in the wizard and returns its page URL. */
export async function planMigration(page: Page, opts: { name: string; strategy?: string; source: string; target: string }) {
  await page.goto("/migrations/new");
  if (opts.strategy) {
    // A click before hydration is lost on this controlled radio: retry until it sticks.
    const radio = page.locator(`input[name=strategy][value=${opts.strategy}]`);
    await expect(async () => {
      await radio.check({ timeout: 2_000 });
      await expect(radio).toBeChecked({ timeout: 500 });
    }).toPass({ timeout: 15_000 });
  }
  await page.getByLabel("Name", { exact: true }).fill(opts.name);
  const pick = async (label: RegExp, endpoint: string) => {
    const select = page.getByLabel(label);
    // Anchored: "flow-source ·" must not also match "cl-flow-source ·".
    const value = await select.locator("option", { hasText: new RegExp(`^${endpoint.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} ·`) }).getAttribute("value");
    await select.selectOption(value!);
  };
  await pick(/^Source/, opts.source);
  await pick(/^Target/, opts.target);
  await page.getByRole("button", { name: "Next: pre-flight checks" }).click();
  await expect(page).toHaveURL(/\/migrations\/c[a-z0-9]{20,}$/);
  return page.url();
}

/** Runs pre-flight on the migration page and overrides its failures with `reason` (the lab binds loopback). */
export async function runChecksAndOverride(page: Page, reason: string) {
  await page.getByRole("button", { name: "Run checks" }).click();
  await expect(page.getByTestId("preflight-summary")).toBeVisible();
  await page.getByLabel("Override reason").fill(reason);
  await page.getByRole("button", { name: "Override" }).click();
  await expect(page.getByTestId("override-note")).toBeVisible();
}

/** Registers an ElastiCache endpoint by typing its group id (e.g. one a flow will create). */
export async function registerElastiCacheById(page: Page, name: string, groupId: string, profile?: string) {
  await page.goto("/endpoints");
  const form = page.getByRole("form", { name: "Register an endpoint" });
  await form.getByLabel("Kind").selectOption("elasticache");
  await form.getByLabel("Name", { exact: true }).fill(name);
  if (profile) {
    await form.getByLabel("Credentials").selectOption("profile");
    await form.getByLabel("Profile", { exact: true }).fill(profile);
  }
  await form.getByLabel("Replication group").fill(groupId);
  await form.getByRole("button", { name: "Register endpoint" }).click();
  await expect(page.getByRole("status")).toContainText(`Registered ${name}`);
}

/** An admin issues an operator API token through Settings (shown once); returns it. */
export async function issueOperatorToken(page: Page, name: string): Promise<string> {
  await signIn(page, E2E.admin);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Token name").fill(name);
  await form.getByLabel("Token role").selectOption("operator");
  await form.getByRole("button", { name: "Create token" }).click();
  return (await page.getByTestId("new-token").textContent())!.trim();
}
