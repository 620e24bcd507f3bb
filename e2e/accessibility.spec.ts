import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env";
import { readLab } from "./lab";
import { planMigration, registerElastiCache, registerSelfManaged, runChecksAndOverride, signIn } from "./helpers";

/** Serious and critical axe findings on the page as it is now, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

/** Every input, select and textarea a user can reach has an accessible name. */
async function unlabelledControls(page: Page): Promise<string[]> {
  const controls = page.locator("input:not([type=hidden]), select, textarea");
  const out: string[] = [];
  for (let i = 0; i < (await controls.count()); i++) {
    const c = controls.nth(i);
    if (!(await c.isVisible())) continue;
    const name = await c.evaluate((el) => {
      const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || el.getAttribute("title");
      return labelled ? "" : el.outerHTML.slice(0, 120);
    });
    if (name) out.push(name);
  }
  return out;
}

test("the favicon and icon answer without a session", async ({ request }) => {
  for (const path of ["/favicon.ico", "/icon.svg"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
  }
});

test("every page, light and dark: no serious or critical axe violation, every control labelled", async ({ page, context }) => {
  test.setTimeout(300_000);
  // React's hydration errors (#418 and friends) reach the console in production builds.
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Minified React error|hydrat/i.test(m.text())) consoleErrors.push(`${page.url()}: ${m.text().slice(0, 200)}`);
  });
  // Set FERRY_SCREENSHOTS=<dir> to also keep a picture of each page at both widths.
  const shots = process.env.FERRY_SCREENSHOTS;
  const lab = readLab();
  const source = lab.selfManaged.find((s) => s.name === "source")!;
  // Signed out first: the login page.
  for (const theme of ["light", "dark"]) {
    await context.addCookies([{ name: "ferry_theme", value: theme, url: E2E.baseURL }]);
    await page.goto("/login");
    expect.soft(await seriousViolations(page), `login (${theme})`).toEqual([]);
    expect.soft(await unlabelledControls(page), `login (${theme})`).toEqual([]);
  }
  await signIn(page, E2E.operator);
  await registerSelfManaged(page, "a11y-source", source.host, source.port);
  await registerElastiCache(page, "a11y-target", "ferry-online-target");
  const online = await planMigration(page, { name: "a11y online", source: "a11y-source", target: "a11y-target" });
  const snapshot = await planMigration(page, { name: "a11y snapshot", strategy: "snapshot", source: "a11y-source", target: "a11y-target" });
  await page.goto(online);
  await runChecksAndOverride(page, "lab: the ElastiCache nodes are on the same loopback host");
  await page.getByRole("button", { name: "Capture source baseline" }).click();
  await expect(page.getByTestId("baseline-a11y-source")).toBeVisible();
  await page.getByRole("button", { name: "Capture target baseline" }).click();
  await expect(page.getByTestId("baseline-a11y-target")).toBeVisible();
  const compare = page.getByRole("link", { name: "Compare side by side" });
  const compareUrl = (await compare.getAttribute("href"))!;

  const pages = ["/endpoints", "/migrations", "/migrations/new", online, `${online}/monitor`, `${online}/report`, `${snapshot}/snapshot`, compareUrl, "/settings"];
  for (const theme of ["light", "dark"]) {
    await context.addCookies([{ name: "ferry_theme", value: theme, url: E2E.baseURL }]);
    for (const path of pages) {
      await page.goto(path);
      await expect(page.locator("h1").first()).toBeVisible();
      expect.soft(await seriousViolations(page), `${path} (${theme})`).toEqual([]);
      expect.soft(await unlabelledControls(page), `${path} (${theme})`).toEqual([]);
      if (shots) {
        for (const width of [1366, 1920]) {
          await page.setViewportSize({ width, height: 900 });
          await page.screenshot({ path: `${shots}/${path.replace(/[^a-z0-9]+/gi, "_").slice(-40)}-${width}-${theme}.png`, fullPage: true });
        }
        await page.setViewportSize({ width: 1280, height: 720 });
      }
    }
  }
  expect(consoleErrors).toEqual([]);
});

test("the wizard works with the keyboard alone, with visible focus", async ({ page }) => {
  const source = readLab().selfManaged.find((s) => s.name === "source")!;
  await signIn(page, E2E.operator);
  await registerSelfManaged(page, "kb-source", source.host, source.port);
  await registerElastiCache(page, "kb-target", "ferry-online-target");
  await page.goto("/migrations/new");
  const name = page.getByLabel("Name", { exact: true });
  await name.focus();
  await page.keyboard.type("keyboard only");
  const focusRing = () =>
    page.evaluate(() => {
      const cs = getComputedStyle(document.activeElement as HTMLElement);
      return cs.outlineStyle !== "none" || cs.boxShadow !== "none";
    });
  // Tab walks forward through the form; each focused control shows a ring and is operable from the keyboard.
  for (const [label, endpoint] of [[/^Source/, "kb-source"], [/^Target/, "kb-target"]] as const) {
    await page.keyboard.press("Tab");
    const select = page.getByLabel(label);
    await expect(select).toBeFocused();
    expect(await focusRing(), `focus visible on ${label}`).toBe(true);
    const value = await select.locator("option", { hasText: `${endpoint} ·` }).getAttribute("value");
    await select.selectOption(value!);
  }
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Next: pre-flight checks" })).toBeFocused();
  expect(await focusRing(), "focus visible on the submit button").toBe(true);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/migrations\/c[a-z0-9]{20,}$/);
});
