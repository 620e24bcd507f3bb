import { expect, test } from "@playwright/test";
import Redis from "ioredis";
import { readLab } from "./lab";
import { planMigration, registerElastiCache, registerSelfManaged, signIn } from "./helpers";
import { E2E } from "./env";

const STALL_MS = 30_000;

// Issue 15 item 4 through the UI: the lab's self-managed 3-shard cluster into the 3-shard
// cluster-mode group online, watched shard by shard, held by a stalled shard, cut over, PASS.
test("cluster online migration: per-shard rows, the gate held by one stalled shard, cutover, PASS report", async ({ page }) => {
  test.setTimeout(300_000);
  const source = readLab().selfManaged.find((s) => s.name === "cluster-source")!;
  await signIn(page, E2E.operator);
  await registerSelfManaged(page, "shards-source", source.host, source.port);
  await registerElastiCache(page, "shards-target", "ferry-cluster-target");
  await planMigration(page, { name: "cluster online", source: "shards-source", target: "shards-target" });

  await page.getByRole("button", { name: "Run checks" }).click();
  await expect(page.getByTestId("preflight-summary")).toBeVisible({ timeout: 60_000 });
  const override = page.getByLabel("Override reason");
  if (await override.isVisible()) {
    await override.fill("lab: the ElastiCache nodes share the loopback host");
    await page.getByRole("button", { name: "Override" }).click();
    await expect(page.getByTestId("override-note")).toBeVisible();
  }
  await page.getByRole("button", { name: "Start migration" }).click();
  await page.getByRole("link", { name: "Monitor and cut over" }).click();
  await expect(page).toHaveURL(/\/monitor$/);

  // One row per shard, each with its link, and the aggregate below them.
  const table = page.getByTestId("shard-table");
  await expect(table).toBeVisible({ timeout: 60_000 });
  for (const g of ["0001", "0002", "0003"]) await expect(page.getByTestId(`shard-link-${g}`)).toHaveText("up", { timeout: 90_000 });
  await expect(page.getByTestId("shard-row-all")).toContainText("All 3");
  await expect(page.getByTestId("gate-every-shard")).toHaveAttribute("data-ok", "true", { timeout: 90_000 });

  // Shard 0002's source primary stops answering for a while: the gate closes and names it alone.
  // The gate closes within a few sampler ticks and page polls (about a second each); the pause is
  // far longer than that so a busy machine still sees it closed, and ends by itself (a paused
  // server would postpone CLIENT UNPAUSE too).
  const stalled = new Redis({ host: "127.0.0.1", port: source.shards![1].primary, lazyConnect: true });
  try {
    await stalled.connect();
    await stalled.call("CLIENT", "PAUSE", String(STALL_MS), "ALL");
  } finally {
    stalled.disconnect();
  }
  const every = page.getByTestId("gate-every-shard");
  await expect(every).toHaveAttribute("data-ok", "false", { timeout: STALL_MS - 5_000 });
  await expect(every).toContainText("Shard 0002");
  await expect(every).not.toContainText(/Shard 000[13]/);
  await expect(page.getByTestId("cutover-button")).toBeDisabled();

  // It comes back, every shard passes again, and the operator cuts over.
  await expect(page.getByTestId("cutover-button")).toBeEnabled({ timeout: 90_000 });
  await page.getByTestId("cutover-button").click();
  await page.getByTestId("cutover-confirm-name").fill("shards-target");
  await page.getByTestId("cutover-submit").click();
  await expect(page.getByTestId("post-cutover")).toBeVisible({ timeout: 120_000 });

  const result = page.getByTestId("verification").getByTestId("verification-result");
  await expect(result).toContainText("no differences", { timeout: 120_000 });
  await page.getByRole("link", { name: /Migration page/ }).click();
  await page.getByRole("link", { name: "Open report" }).click();
  await expect(page.getByTestId("report-verdict")).toContainText("PASS");
  // The report per shard: both ends' split, the verification counted per source shard, each shard pair's sync.
  await expect(page.getByTestId("report-shards-split")).toContainText("Source: 3 shards; target: 3 shards.");
  await expect(page.getByTestId("report-shards-verification").locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("report-shards-sync").locator("tbody tr")).toHaveCount(3);
});
