import { expect, test } from "@playwright/test";
import { signIn, planMigration, registerElastiCache, registerElastiCacheById } from "./helpers";
import { E2E } from "./env";

// Issue 8 through the UI: ElastiCache in account A -> a new group in account B through S3, with
// the operator's explicit grants, a PASS report, and a cleanup that removes only what Ferry made.
test("cross-account snapshot: options, run, verified PASS, cleanup of what Ferry created", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, E2E.operator);
  await registerElastiCache(page, "snap-source-a", "ferry-snapshot-source");
  await registerElastiCacheById(page, "snap-target-b", "ferry-restored-e2e", "lab-b");
  const url = await planMigration(page, { name: "snapshot A to B", strategy: "snapshot", source: "snap-source-a", target: "snap-target-b" });

  await page.getByRole("link", { name: "snapshot page" }).click();
  await expect(page.getByText("Writes after the snapshot moment are not migrated.")).toBeVisible();
  await page.getByLabel("Export bucket (source account)").fill("ferry-export-a");
  await page.getByLabel("Import bucket (target account)").fill("ferry-import-b");
  await page.getByLabel("Write freeze from").fill("2026-11-23T10:00");
  await page.getByLabel("Freeze note (who stops writes, how)").fill("orders service paused by the on-call");
  await page.getByRole("checkbox", { name: /Grant the target account READ/ }).check();
  await page.getByRole("checkbox", { name: /Add ElastiCache's READ, WRITE and READ_ACP/ }).check();
  await page.getByRole("button", { name: "Save options" }).click();
  await expect(page.getByRole("status")).toHaveText("Options saved.");

  await page.goto(url);
  await page.getByRole("button", { name: "Run checks" }).click();
  // Both buckets are checked in their own account; nothing fails, so no override is needed.
  await expect(page.getByTestId("preflight-summary")).toContainText("0 fail");
  await expect(page.getByTestId("check-target.bucket-ownership:ferry-import-b")).toContainText("pass");
  await page.getByRole("button", { name: "Start migration" }).click();

  await expect(page.getByText("completed").first()).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("verification-result")).toContainText("no differences", { timeout: 60_000 });
  await page.getByRole("link", { name: "Open report" }).click();
  await expect(page.getByTestId("report-verdict")).toContainText("PASS");

  await page.goto(`${url}/snapshot`);
  const cleanup = page.getByTestId("snapshot-cleanup");
  await expect(cleanup.getByTestId("cleanup-snapshot")).toContainText("exists");
  const boxes = cleanup.getByRole("checkbox");
  for (const box of await boxes.all()) await box.check();
  await cleanup.getByRole("button", { name: "Delete selected…" }).click();
  await cleanup.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(cleanup.getByTestId("cleanup-snapshot")).toContainText("gone", { timeout: 20_000 });
  // The new group is the migration's result: cleanup never offers to delete it.
  await expect(cleanup.getByTestId("cleanup-replication-group")).not.toContainText("delete it");
});
