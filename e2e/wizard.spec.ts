import { expect, test } from "@playwright/test";
import { E2E } from "./env";
import { readLab } from "./lab";
import { signIn } from "./helpers";

// Issue 5: register a source and the lab's ElastiCache target, see the pre-flight table with
// evidence and fixes, override the failure with a reason, capture baselines, compare them.
test("an operator plans an online migration: endpoints, pre-flight, baselines side by side", async ({ page }) => {
  test.setTimeout(120_000);
  const lab = readLab();
  const source = lab.selfManaged.find((s) => s.name === "source")!;
  await signIn(page, E2E.operator);

  await page.getByRole("link", { name: "Endpoints" }).click();
  const form = page.getByRole("form", { name: "Register an endpoint" });
  await form.getByLabel("Name", { exact: true }).fill("orders-source");
  await form.getByLabel("Host", { exact: true }).fill(source.host);
  await form.getByLabel("Port", { exact: true }).fill(String(source.port));
  await form.getByLabel("Password (optional)").fill("not-really-needed-but-secret");
  await form.getByRole("button", { name: "Register endpoint" }).click();
  await expect(page.getByRole("status")).toContainText("Registered orders-source");
  // The secret never reaches the browser.
  expect(await page.content()).not.toContain("not-really-needed-but-secret");

  await form.getByLabel("Kind").selectOption("elasticache");
  await form.getByLabel("Name", { exact: true }).fill("orders-elasticache");
  await form.getByRole("button", { name: "Find groups" }).click();
  // The picker lists what DescribeReplicationGroups returns for these credentials.
  const picker = form.getByRole("combobox", { name: "Replication group" });
  await expect(picker).toContainText("ferry-online-target · available");
  await picker.selectOption("ferry-online-target");
  await form.getByRole("button", { name: "Register endpoint" }).click();
  await expect(page.getByRole("status")).toContainText("Registered orders-elasticache");

  for (const name of ["orders-source", "orders-elasticache"]) {
    const row = page.getByTestId(`endpoint-${name}`);
    await row.getByRole("button", { name: "Test connection" }).click();
    await expect(row.getByTestId("last-check")).toContainText("reachable");
  }
  await expect(page.getByTestId("endpoint-orders-source").getByTestId("last-check")).toContainText(/[\d,]+ keys/);

  await page.getByRole("link", { name: "Migrations" }).click();
  await page.getByRole("link", { name: "New migration" }).click();
  await page.getByLabel("Name", { exact: true }).fill("orders to ElastiCache");
  await page.getByLabel(/^Source/).selectOption({ label: `orders-source · ${source.host}:${source.port}` });
  await page.getByLabel(/^Target/).selectOption({ label: "orders-elasticache · ferry-online-target (us-east-1)" });
  await page.getByRole("button", { name: "Next: pre-flight checks" }).click();
  await expect(page).toHaveURL(/\/migrations\/c[a-z0-9]{20,}$/);

  // The ends are locked until pre-flight is cleared.
  await expect(page.getByTestId("baselines")).toContainText("Clear the pre-flight checks first.");
  await page.getByRole("button", { name: "Run checks" }).click();
  await expect(page.getByTestId("preflight-summary")).toBeVisible();
  // The lab's source listens on loopback only: ElastiCache could not reach it, and Ferry says so with the fix.
  const bind = page.getByTestId("check-source.bind");
  await expect(bind).toContainText("fail");
  await expect(bind).toContainText("127.0.0.1");
  await expect(bind).toContainText("CONFIG SET bind");
  await expect(page.getByTestId("check-target.transit-encryption")).toContainText("pass");
  await expect(page.getByTestId("plan-summary")).toContainText("pre-flight has failed checks");

  await page.getByLabel("Override reason").fill("lab: the ElastiCache nodes are on the same loopback host");
  await page.getByRole("button", { name: "Override" }).click();
  await expect(page.getByTestId("override-note")).toContainText("same loopback host");

  await page.getByRole("button", { name: "Capture source baseline" }).click();
  await expect(page.getByTestId("baseline-orders-source")).toBeVisible();
  await page.getByRole("button", { name: "Capture target baseline" }).click();
  await expect(page.getByTestId("baseline-orders-elasticache")).toBeVisible();
  await expect(page.getByTestId("plan-ready")).toBeVisible();

  await page.getByRole("link", { name: "Compare side by side" }).click();
  const diff = page.getByTestId("baseline-diff");
  // db0's key counts of both ends are shown and highlighted exactly when they differ (the target
  // is empty before any move, or already full if another spec migrated into it).
  const db0Keys = diff.getByRole("row").filter({ has: page.getByRole("cell", { name: "db0 keys", exact: true }) });
  await expect(db0Keys).toBeVisible(); // allInnerTexts does not wait for the page
  const [src, tgt] = (await db0Keys.getByRole("cell").allInnerTexts()).slice(1, 3).map((t) => Number(t.replace(/,/g, "")));
  expect(src).toBeGreaterThan(0);
  await expect(db0Keys).toHaveAttribute("data-status", src === tgt ? "same" : "differs");
  await expect(diff).toContainText("Used memory");
});
