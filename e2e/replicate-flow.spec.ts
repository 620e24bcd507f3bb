import { expect, test, type Browser, type Page } from "@playwright/test";
import Redis from "ioredis";
import { issueOperatorToken, registerElastiCache, planMigration, signIn } from "./helpers";
import { readLab } from "./lab";
import { E2E } from "./env";
import { expectSameLastingKeys } from "./same-keys";

// Issue 14 through the UI, the demo's third scenario: the lab's ElastiCache group
// ferry-replicate-source (CONFIG refused, notifications off in its parameter group, the lab's write
// load on it) -> the managed target (TLS + ACL user, RESTORE refused, so type-level copy). Pre-flight
// and its consented parameter-group fix, live copy under load, the two-step cutover (writes stopped
// -> final verification -> switch clients), PASS report, the way back armed, used, then stopped.
const GROUP = "ferry-replicate-source";

type TLabState = { groups: { id: string; nodes: { role: string; port: number }[] }[] };

async function sourcePrimaryPort(): Promise<number> {
  const state = (await (await fetch(`${E2E.lab.endpoint}/_lab/state`)).json()) as TLabState;
  const node = state.groups.find((g) => g.id === GROUP)?.nodes.find((n) => n.role === "primary");
  if (!node) throw new Error(`the lab has no primary for ${GROUP}`);
  return node.port;
}

/** The managed target (private CA) is registered through /api/v1 with an operator token, as the demo's script does (endpoints.spec covers the form's CA field). */
async function registerManagedTarget(browser: Browser, name: string): Promise<void> {
  const t = readLab().managedTargets.find((m) => m.role === "replicate-target")!;
  const admin = await browser.newPage();
  const token = await issueOperatorToken(admin, "e2e-replicate");
  const res = await admin.request.post("/api/v1/endpoints", {
    headers: { Authorization: `Bearer ${token}` },
    data: { kind: "self-managed", name, host: t.host, port: t.port, tls: true, tlsCa: t.caPem, username: t.username, password: t.password, dbCount: 16 },
  });
  expect(res.status(), await res.text()).toBe(200);
  await admin.close();
}

async function runPreflight(page: Page): Promise<void> {
  await page.getByRole("button", { name: /Run checks|Re-run checks/ }).click();
  await expect(page.getByTestId("preflight-summary")).toBeVisible();
}

test("replicate ElastiCache -> managed target: consented fix, type-level copy under load, two-step cutover, PASS report, way back armed and stopped", async ({ page, browser }) => {
  test.setTimeout(420_000);
  const t = readLab().managedTargets.find((m) => m.role === "replicate-target")!;
  const src = new Redis({ host: "127.0.0.1", port: await sourcePrimaryPort() });
  const tgt = new Redis({ host: t.host, port: t.port, username: t.username, password: t.password, tls: { ca: t.caPem, servername: t.servername } });
  try {
    await registerManagedTarget(browser, "repl-managed");
    await signIn(page, E2E.operator);
    await registerElastiCache(page, "repl-ec-source", GROUP);
    await planMigration(page, { name: "flow replicate", strategy: "replicate", source: "repl-ec-source", target: "repl-managed" });

    const options = page.getByTestId("replicate-options");
    await options.getByTestId("ro-reverse-hours").fill("12");
    await options.getByTestId("ro-save").click();
    await expect(options.getByRole("status")).toContainText("Options saved.");

    // ElastiCache refuses CONFIG: the check reads the parameter group, fails, and offers the fix.
    await runPreflight(page);
    const notifications = page.getByTestId("check-source.keyspace-notifications");
    await expect(notifications).toContainText("fail");
    page.once("dialog", (d) => void d.accept());
    await notifications.getByTestId("apply-fix-source.keyspace-notifications").click();
    await expect(page.getByTestId("fix-notice")).toBeVisible({ timeout: 30_000 });
    await expect(async () => {
      await runPreflight(page);
      await expect(notifications).toContainText("pass", { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    const reason = page.getByLabel("Override reason");
    if (await reason.isVisible()) {
      await reason.fill("lab: both ends are loopback test servers");
      await page.getByRole("button", { name: "Override" }).click();
      await expect(page.getByTestId("override-note")).toBeVisible();
    }
    // The way back listens to the managed target: its owner turns notifications on there.
    await tgt.config("SET", "notify-keyspace-events", "KEA");

    await page.getByRole("button", { name: "Start migration" }).click();
    await page.getByRole("link", { name: "Monitor and cut over" }).click();
    await expect(page).toHaveURL(/\/monitor$/);
    const panel = page.getByTestId("replication-panel");
    await expect(panel.getByTestId("replication-copy")).toContainText("Initial copy done", { timeout: 120_000 });
    // RESTORE is refused on the managed target: the replicator copies by type.
    await expect(panel).toContainText("type-level");
    // Key-level replication has no stream offsets: the monitor charts the replicator instead.
    await expect(page.getByTestId("chart-repl-pending")).toBeVisible();
    await expect(page.getByTestId("chart-repl-rates")).toBeVisible();
    await expect(page.getByTestId("chart-offsets")).toHaveCount(0);
    await expect(page.getByTestId("chart-lag")).toHaveCount(0);
    // Live under the lab's write load: a write made now reaches the target.
    await src.set("e2e:live-marker", "during-live");
    await expect.poll(() => tgt.get("e2e:live-marker"), { timeout: 30_000 }).toBe("during-live");

    // Polled as the gate's own words, so a gate that stays closed says which condition held it.
    await expect.poll(async () => ((await page.getByTestId("cutover-button").isEnabled()) ? "open" : await page.getByTestId("cutover-gate").innerText()), {
      message: "the cutover gate to open", timeout: 180_000,
    }).toBe("open");
    for (const id of ["fresh", "copied", "lag", "compare"]) await expect(page.getByTestId(`gate-${id}`)).toHaveAttribute("data-ok", "true");

    // Step 1: the operator stops the applications' writes to the source, then confirms with the target's name.
    const stopped = await fetch(`${E2E.lab.endpoint}/_lab/write-load/stop?name=${GROUP}`, { method: "POST" });
    expect(stopped.status).toBe(200);
    await page.getByTestId("cutover-button").click();
    await expect(page.getByTestId("cutover-dialog")).toContainText("Stop writes to the source");
    await page.getByTestId("cutover-confirm-name").fill("repl-managed");
    // The gate can close for a moment between its opening above and the click: the last writes before
    // the stop reach the replicator late on a busy machine. Ferry then refuses with the gate's words and
    // keeps the dialog; the operator confirms again once the gate has reopened, as this does (3 tries).
    const submit = page.getByTestId("cutover-submit");
    // isVisible/isHidden answer at once; the control unmounts once the cutover is under way.
    const refused = page.getByTestId("cutover-control").getByRole("status").filter({ hasText: "Not now: the cutover gate is closed" });
    const outcome = async () => ((await page.getByTestId("cutover-dialog").isHidden()) ? "accepted" : (await refused.isVisible()) ? "refused" : "pending");
    for (let attempt = 1; ; attempt++) {
      await submit.click();
      await expect.poll(outcome, { message: "Ferry's answer to the cutover", timeout: 60_000 }).not.toBe("pending");
      if ((await outcome()) === "accepted" || attempt === 3) break;
      await expect(submit).toBeEnabled({ timeout: 60_000 });
    }

    // Step 2 only once the final verification is clean: switch clients, confirm; the cutover is recorded.
    const cutover = page.getByTestId("replicate-cutover");
    await expect(cutover).toHaveAttribute("data-phase", "switch-clients", { timeout: 120_000 });
    await expect(cutover.getByTestId("cutover-verified")).toContainText("Final verification clean");
    expect(await expectSameLastingKeys(src, tgt, ["source", "target"])).toBeGreaterThan(0);
    await expect(page.getByTestId("reverse-replication")).toHaveCount(0);
    await cutover.getByTestId("clients-switched").click();

    const way = page.getByTestId("reverse-replication");
    await expect(way.getByTestId("reverse-status")).toHaveText("armed", { timeout: 90_000 });
    // The way back carries a client's write on the new target to the old source...
    await tgt.set("e2e:after-cutover", "on-target");
    await expect.poll(() => src.get("e2e:after-cutover"), { timeout: 30_000 }).toBe("on-target");
    // ...until the operator stops it.
    await way.getByTestId("reverse-stop").click();
    await expect(way.getByTestId("reverse-status")).toHaveText("stopped", { timeout: 30_000 });
    await expect(way).toContainText(E2E.operator.email);

    await expect(page.getByTestId("verification").getByTestId("verification-result")).toContainText("no differences", { timeout: 180_000 });
    await page.getByRole("link", { name: /Migration page/ }).click();
    await expect(page.getByText("reverse replication of \"flow replicate\"").first()).toBeVisible();
    await page.getByRole("link", { name: "Open report" }).click();
    await expect(page.getByTestId("report-verdict")).toContainText("PASS");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-downloads").getByRole("link", { name: /JSON/ }).click()]);
    const chunks: Buffer[] = [];
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
    const report = JSON.parse(Buffer.concat(chunks).toString());
    expect(report.replication).toMatchObject({ reverse: { status: "stopped", stoppedBy: E2E.operator.email } });
    // The final verification repairs what it finds before clients switch. On a loaded machine it
    // found one (a fresh-clone run at load 12); the promise is that nothing is left unrepaired,
    // which the lasting keys and the verification's "no differences" above check independently.
    const final = report.replication.finalVerification as { differences: number; fixed: number; byKind: Record<string, number> };
    expect(final.fixed).toBe(final.differences);
    // Each one found is named by kind (MISSING, TTL...), so an auditor can tell what the repair changed.
    expect(Object.values(final.byKind).reduce((a, b) => a + b, 0)).toBe(final.differences);
  } finally {
    src.disconnect();
    tgt.disconnect();
  }
});
