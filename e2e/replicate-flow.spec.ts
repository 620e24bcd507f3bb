import { expect, test } from "@playwright/test";
import Redis from "ioredis";
import { startRedis, type RedisProcess } from "../lab/redis-process";
import { loadDemoData } from "../lab/demo-data";
import { planMigration, registerSelfManaged, signIn } from "./helpers";
import { E2E } from "./env";

// Issue 14 through the UI: key-level replication between two self-managed redis-servers (the lead
// switches it to the lab's ElastiCache -> managed target scenario once lab-ec lands): options,
// pre-flight, start, monitor, gated cutover with the target's name typed, PASS report, and the way
// back (reverse replication) armed, carrying a write back, then stopped as a recorded action.
const KEA = ["--notify-keyspace-events", "KEA"];
let source: RedisProcess;
let target: RedisProcess;

test.afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop()]);
});

async function totalKeys(r: Redis): Promise<number> {
  return [...(await r.info("keyspace")).matchAll(/keys=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
}

test("replicate: copy under load, gated cutover, PASS report, reverse replication armed and stopped", async ({ page }) => {
  test.setTimeout(300_000);
  [source, target] = await Promise.all([startRedis({ name: "e2e-repl-src", args: KEA }), startRedis({ name: "e2e-repl-tgt", args: KEA })]);
  await loadDemoData({ port: source.port, keys: 3_000, ttlRatio: 0.1, bigKeyElements: 500 });
  const src = new Redis({ host: source.host, port: source.port });
  const tgt = new Redis({ host: target.host, port: target.port });
  // The application: a steady write load on the source until it is switched over.
  let writing = true;
  const load = (async () => {
    for (let i = 0; writing; i++) {
      await src.set(`app:${i % 300}`, String(i));
      await new Promise((r) => setTimeout(r, 20));
    }
  })();

  try {
    await signIn(page, E2E.operator);
    await registerSelfManaged(page, "repl-source", source.host, source.port);
    await registerSelfManaged(page, "repl-target", target.host, target.port);
    await planMigration(page, { name: "flow replicate", strategy: "replicate", source: "repl-source", target: "repl-target" });

    const options = page.getByTestId("replicate-options");
    await options.getByTestId("ro-reverse-hours").fill("12");
    await options.getByTestId("ro-save").click();
    await expect(options.getByRole("status")).toContainText("Options saved.");

    await page.getByRole("button", { name: "Run checks" }).click();
    await expect(page.getByTestId("preflight-summary")).toBeVisible();
    const reason = page.getByLabel("Override reason");
    if (await reason.isVisible()) {
      await reason.fill("lab: both ends are loopback test servers");
      await page.getByRole("button", { name: "Override" }).click();
      await expect(page.getByTestId("override-note")).toBeVisible();
    }

    await page.getByRole("button", { name: "Start migration" }).click();
    await page.getByRole("link", { name: "Monitor and cut over" }).click();
    await expect(page).toHaveURL(/\/monitor$/);
    await expect(page.getByTestId("replication-copy")).toContainText("Initial copy done", { timeout: 60_000 });

    // The gate: copy done, the oldest event young for N seconds, a clean sampled comparison.
    await expect(page.getByTestId("cutover-button")).toBeEnabled({ timeout: 90_000 });
    for (const id of ["fresh", "copied", "lag", "compare"]) await expect(page.getByTestId(`gate-${id}`)).toHaveAttribute("data-ok", "true");
    // The operator switches clients away from the source, then confirms with the target's name.
    writing = false;
    await load;
    await page.getByTestId("cutover-button").click();
    await page.getByTestId("cutover-confirm-name").fill("repl-target");
    await page.getByTestId("cutover-submit").click();

    const way = page.getByTestId("reverse-replication");
    await expect(way.getByTestId("reverse-status")).toHaveText("armed", { timeout: 90_000 });
    expect(await totalKeys(tgt)).toBe(await totalKeys(src));
    // The way back carries a write on the new target to the old source...
    await tgt.set("e2e:after-cutover", "on-target");
    await expect.poll(() => src.get("e2e:after-cutover"), { timeout: 30_000 }).toBe("on-target");
    // ...until the operator stops it.
    await way.getByTestId("reverse-stop").click();
    await expect(way.getByTestId("reverse-status")).toHaveText("stopped", { timeout: 30_000 });
    await expect(way).toContainText(E2E.operator.email);

    await expect(page.getByTestId("verification").getByTestId("verification-result")).toContainText("no differences", { timeout: 120_000 });
    await page.getByRole("link", { name: /Migration page/ }).click();
    await expect(page.getByText("reverse replication of \"flow replicate\"").first()).toBeVisible();
    await page.getByRole("link", { name: "Open report" }).click();
    await expect(page.getByTestId("report-verdict")).toContainText("PASS");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-downloads").getByRole("link", { name: /JSON/ }).click()]);
    const chunks: Buffer[] = [];
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
    const report = JSON.parse(Buffer.concat(chunks).toString());
    expect(report.replication).toMatchObject({ finalVerification: { differences: 0 }, reverse: { status: "stopped", stoppedBy: E2E.operator.email } });
  } finally {
    writing = false;
    await load.catch(() => {});
    src.disconnect();
    tgt.disconnect();
  }
});
