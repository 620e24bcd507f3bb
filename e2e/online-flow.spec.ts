import { expect, test } from "@playwright/test";
import { DescribeReplicationGroupsCommand, ElastiCacheClient } from "@aws-sdk/client-elasticache";
import Redis from "ioredis";
import { E2E } from "./env";
import { readLab } from "./lab";
import { planMigration, registerElastiCache, registerSelfManaged, runChecksAndOverride, signIn } from "./helpers";
import { expectSameLastingKeys } from "./same-keys";

// Issues 6 and 7 through the UI: start an online migration into the lab's ElastiCache group,
// watch it sync while the lab's write load runs, cut over behind the gate, and sign it off with
// a verification report downloaded in every format.
test("online migration: start, watch, gated cutover, target promoted with every key, report", async ({ page }) => {
  test.setTimeout(240_000);
  const lab = readLab();
  const source = lab.selfManaged.find((s) => s.name === "source")!;
  await signIn(page, E2E.operator);
  await registerSelfManaged(page, "flow-source", source.host, source.port);
  await registerElastiCache(page, "flow-target", "ferry-online-target");
  await planMigration(page, { name: "flow online", source: "flow-source", target: "flow-target" });

  await runChecksAndOverride(page, "lab: the ElastiCache nodes share the loopback host");

  await page.getByRole("button", { name: "Start migration" }).click();
  await page.getByRole("link", { name: "Monitor and cut over" }).click();
  await expect(page).toHaveURL(/\/monitor$/);

  // The charts move: the replication offsets the sampler records keep rising with the write load.
  await expect(page.getByTestId("chart-offsets")).toBeVisible({ timeout: 30_000 });
  const status = page.getByText(/latest sample \d\d:\d\d:\d\d UTC/);
  const first = await status.textContent({ timeout: 30_000 });
  await expect(status).not.toHaveText(first!, { timeout: 10_000 });

  // The gate opens only once the link is up and the lag has held at its threshold.
  await expect(page.getByTestId("cutover-button")).toBeEnabled({ timeout: 90_000 });
  for (const id of ["fresh", "link-up", "lag"]) await expect(page.getByTestId(`gate-${id}`)).toHaveAttribute("data-ok", "true");
  // Keyboard only: Enter opens the confirmation dialog with focus in it, Escape closes it and gives
  // focus back, Tab stays inside the dialog, Enter in the name field confirms.
  const openButton = page.getByTestId("cutover-button");
  await openButton.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: /Cut over to flow-target/ });
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId("cutover-confirm-name")).toBeFocused();
  await expect(page.getByTestId("cutover-submit")).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(openButton).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.type("flow-target");
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((el) => el.contains(document.activeElement)), `focus stays in the dialog after ${i + 1} Tab(s)`).toBe(true);
  }
  await page.getByTestId("cutover-confirm-name").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("post-cutover")).toBeVisible({ timeout: 60_000 });
  // Who still uses the old source: the lab's write load stops at cutover, so no writes are listed.
  await expect(page.getByTestId("old-source-writers")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("final-offsets")).toContainText(/source [\d,]+ · target [\d,]+/);

  // The target is a writable primary holding every key of the (now quiet) source.
  const ec = new ElastiCacheClient({ endpoint: lab.endpoint, region: lab.region, credentials: lab.accounts.A });
  const rg = (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "ferry-online-target" }))).ReplicationGroups![0];
  expect(rg.Status).toBe("available");
  const target = new Redis({ host: "127.0.0.1", port: rg.NodeGroups![0].PrimaryEndpoint!.Port!, lazyConnect: true });
  const src = new Redis({ host: source.host, port: source.port, lazyConnect: true });
  try {
    await Promise.all([target.connect(), src.connect()]);
    expect(await target.info("replication")).toContain("role:master");
    expect(await expectSameLastingKeys(src, target, ["source", "target"])).toBeGreaterThan(0);
    expect(await target.set("ferry:e2e:written-after-cutover", "yes")).toBe("OK");
    await target.del("ferry:e2e:written-after-cutover");
  } finally {
    target.disconnect();
    src.disconnect();
  }

  // The runner queued a verification after cutover; the operator runs one more from the
  // monitor page and watches it end, then the report signs it off.
  const verification = page.getByTestId("verification");
  const result = verification.getByTestId("verification-result");
  await expect(result).toContainText("no differences", { timeout: 90_000 });
  const firstRun = await result.textContent();
  await verification.getByLabel("Rounds").selectOption("1");
  await verification.getByRole("button", { name: /Verify again|Start verification/ }).click();
  await expect(result).not.toHaveText(firstRun!, { timeout: 60_000 });
  await expect(result).toContainText("no differences");
  await expect(result).toContainText("1 round(s)");
  // The manual re-verification shows on the monitor's timeline without a reload.
  await expect(page.getByTestId("event-timeline")).toContainText(/requested a \w+ verification/, { timeout: 30_000 });
  await page.getByRole("link", { name: /Migration page/ }).click();
  await page.getByRole("link", { name: "Open report" }).click();
  await expect(page.getByTestId("report-verdict")).toContainText("PASS");

  const downloads = page.getByTestId("report-downloads");
  for (const [label, check] of [
    ["JSON", (b: Buffer) => expect(JSON.parse(b.toString()).verdict.result).toBe("PASS")],
    ["HTML", (b: Buffer) => expect(b.toString()).toContain("PASS")],
    ["PDF", (b: Buffer) => expect(b.subarray(0, 5).toString()).toBe("%PDF-")],
    ["CSV", (b: Buffer) => expect(b.toString().split(/\r?\n/)[0]).toMatch(/^db,key,status,detail/)],
  ] as const) {
    const [download] = await Promise.all([page.waitForEvent("download"), downloads.getByRole("link", { name: new RegExp(label) }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    check(Buffer.concat(chunks));
  }
});
