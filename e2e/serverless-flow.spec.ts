import { expect, test } from "@playwright/test";
import Redis from "ioredis";
import { E2E } from "./env";
import { readLab } from "./lab";
import { planMigration, registerElastiCacheById, registerSelfManaged, runChecksAndOverride, signIn } from "./helpers";

// Issue 17 through the UI: PrepareMigration, the migration endpoint copied from the page, a
// client writing through it, StartMigration, Ferry's gate, manual cutover: zero client errors.
test("online migration into ElastiCache Serverless: endpoint copied, a client writing through it sees no error across cutover", async ({ page, context }) => {
  test.setTimeout(240_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const lab = readLab();
  const source = lab.selfManaged.find((s) => s.name === "source")!;
  await signIn(page, E2E.operator);
  await registerSelfManaged(page, "sv-source", source.host, source.port);
  await registerElastiCacheById(page, "sv-target", "ferry-serverless-target");
  await planMigration(page, { name: "into serverless", strategy: "serverless-online", source: "sv-source", target: "sv-target" });

  await runChecksAndOverride(page, "lab: the source binds loopback, which the lab's cache reaches");
  await page.getByRole("button", { name: "Start migration" }).click();

  // PrepareMigration done: the page shows the migration endpoint; copy it as an operator would.
  const card = page.getByTestId("migration-endpoint");
  await expect(card.getByTestId("ack-clients")).toBeVisible({ timeout: 60_000 });
  await card.getByTestId("copy-endpoint").click();
  await expect(card.getByTestId("copy-endpoint")).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(copied).toBe(await card.getByTestId("migration-endpoint-address").textContent());

  // The application: connects to the copied endpoint and writes without pause until the end.
  const [host, port] = copied.split(":");
  const app = new Redis({ host, port: Number(port) });
  const writes = { ok: 0, errors: 0, stop: false };
  const loop = (async () => {
    while (!writes.stop) {
      await app.set(`ferry:e2e:sv:${writes.ok}`, String(writes.ok)).then(() => writes.ok++, () => writes.errors++);
    }
  })();
  try {
    await expect.poll(() => writes.ok, { timeout: 10_000 }).toBeGreaterThan(20);
    await card.getByTestId("ack-clients").click();
    await expect(card.getByTestId("clients-acknowledged")).toBeVisible();

    await page.getByRole("link", { name: "Monitor and cut over" }).click();
    await expect(page.getByTestId("serverless-live")).toBeVisible();
    await expect(page.getByTestId("cutover-button")).toBeEnabled({ timeout: 90_000 });
    for (const id of ["aws-in-sync", "manual-mode", "clients-pointed"]) await expect(page.getByTestId(`gate-${id}`)).toHaveAttribute("data-ok", "true");
    await expect(page.getByTestId("sl-status")).toHaveText("in-sync");
    await page.getByTestId("cutover-button").click();
    await page.getByTestId("cutover-confirm-name").fill("sv-target");
    await page.getByTestId("cutover-submit").click();
    await expect(page.getByTestId("post-cutover")).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("sl-status")).toHaveText("completed", { timeout: 15_000 });
    const atCutover = writes.ok;
    await expect.poll(() => writes.ok, { timeout: 10_000 }).toBeGreaterThan(atCutover + 50);
  } finally {
    writes.stop = true;
    await loop;
  }
  expect(writes.errors).toBe(0);

  // The last write is on the cache (the endpoint now serves it), and never reached the source.
  const src = new Redis({ host: source.host, port: source.port });
  try {
    const last = `ferry:e2e:sv:${writes.ok - 1}`;
    expect(await app.get(last)).toBe(String(writes.ok - 1));
    expect(await src.get(last)).toBeNull();
    expect(await app.info("replication")).toContain("role:master");
  } finally {
    app.disconnect();
    src.disconnect();
  }
  await page.getByRole("link", { name: /Migration page/ }).click();
  await expect(page.getByTestId("run-cutover")).toBeVisible();
});
