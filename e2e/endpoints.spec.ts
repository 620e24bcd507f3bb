import { expect, test } from "@playwright/test";
import { E2E } from "./env";
import { readLab } from "./lab";
import { planMigration, registerElastiCache, signIn } from "./helpers";

// Issue 18, the operator's pass: items 3 and 4 (the endpoint form), 2, 11 and 13.
test("the endpoint form keeps what was typed, says why, tests before saving and edits in place", async ({ page }) => {
  const source = readLab().selfManaged.find((s) => s.name === "source")!;
  await signIn(page, E2E.operator);
  await page.goto("/endpoints");
  const form = page.getByRole("form", { name: "Register an endpoint" });
  const host = form.getByLabel("Host", { exact: true });
  const port = form.getByLabel("Port", { exact: true });
  await form.getByLabel("Name", { exact: true }).fill("kept-typing");
  await host.fill("redis://app:pw@10.0.0.1:6379");
  await port.fill("70000");
  await form.getByLabel("Password (optional)").fill("typed-secret-value");
  await form.getByRole("button", { name: "Register endpoint" }).click();

  // Refused by the server: every field keeps its value, the bad ones are marked and say why.
  await expect(form).toContainText("not a redis:// URL");
  await expect(form).toContainText("1-65535");
  await expect(host).toHaveValue("redis://app:pw@10.0.0.1:6379");
  await expect(host).toHaveAttribute("aria-invalid", "true");
  await expect(port).toHaveValue("70000");
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue("kept-typing");
  // The secret is never echoed back: the field is empty and says so.
  await expect(form.getByLabel("Password (optional)")).toHaveValue("");
  await expect(form).toContainText("Not sent back to the browser");
  expect(await page.content()).not.toContain("typed-secret-value");

  // Test connection before saving, on what is typed.
  await host.fill(source.host);
  await port.fill(String(source.port));
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByTestId("form-test-result")).toContainText("reachable");
  await form.getByRole("button", { name: "Register endpoint" }).click();
  await expect(page.getByRole("status")).toContainText("Registered kept-typing");

  // A taken name marks the name field; the rest stays as typed.
  await form.getByLabel("Name", { exact: true }).fill("kept-typing");
  await host.fill(source.host);
  await port.fill("6390");
  await form.getByRole("button", { name: "Register endpoint" }).click();
  await expect(form).toContainText('An endpoint named "kept-typing" already exists.');
  await expect(form.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(port).toHaveValue("6390");

  // Edit in place.
  await page.getByTestId("endpoint-kept-typing").getByRole("link", { name: "Edit kept-typing" }).click();
  const edit = page.getByRole("form", { name: "Edit kept-typing" });
  await expect(edit.getByLabel("Port", { exact: true })).toHaveValue(String(source.port));
  await edit.getByLabel("Name", { exact: true }).fill("kept-typing-renamed");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("endpoint-kept-typing-renamed")).toContainText(`${source.host}:${source.port}`);
  await expect(page.getByTestId("endpoint-kept-typing")).toHaveCount(0);
});

test("pre-flight fixes read as code, an empty override reason is marked, the list says verdict, viewers are told", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const source = readLab().selfManaged.find((s) => s.name === "source")!;
  await signIn(page, E2E.operator);
  await page.goto("/endpoints");
  const form = page.getByRole("form", { name: "Register an endpoint" });
  await form.getByLabel("Name", { exact: true }).fill("pass18-source");
  await form.getByLabel("Host", { exact: true }).fill(source.host);
  await form.getByLabel("Port", { exact: true }).fill(String(source.port));
  await form.getByRole("button", { name: "Register endpoint" }).click();
  await expect(page.getByRole("status")).toContainText("Registered pass18-source");
  await registerElastiCache(page, "pass18-target", "ferry-online-target");
  const url = await planMigration(page, { name: "operator pass 18", source: "pass18-source", target: "pass18-target" });

  await page.getByRole("button", { name: "Run checks" }).click();
  const fix = page.getByTestId("check-source.bind").getByTestId("fix");
  await expect(fix.locator("code").first()).toContainText("CONFIG SET bind");
  await expect(fix).not.toContainText("`");

  const reason = page.getByLabel("Override reason");
  await expect(page.getByText("Override reason (goes into the report)")).toBeVisible();
  await page.getByRole("button", { name: "Override" }).click();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#override-reason-error")).toContainText("at least 10 characters");

  await page.goto("/migrations");
  const row = page.getByTestId("migration-operator pass 18");
  await expect(row.getByTestId("verdict")).toContainText("not verified");
  await expect(row.getByTestId("last-event")).toContainText("Pre-flight:");

  const viewer = await browser.newPage();
  await signIn(viewer, E2E.viewer);
  await viewer.goto(url);
  await expect(viewer.getByTestId("run-viewer-note")).toContainText("Operators start, cut over and abort migrations");
  await viewer.close();
});

test("a TLS endpoint signed by a private CA is registered from the form: the CA is checked, used by Test connection, never echoed, removable", async ({ page }) => {
  const t = readLab().managedTargets.find((m) => m.role === "replicate-target")!;
  const caLine = t.caPem.split("\n")[2];
  await signIn(page, E2E.operator);
  await page.goto("/endpoints");
  const form = page.getByRole("form", { name: "Register an endpoint" });
  const result = form.getByTestId("form-test-result");
  const ca = form.getByLabel("CA certificate (PEM, optional)");
  await form.getByLabel("Name", { exact: true }).fill("private-ca-target");
  await form.getByLabel("Host", { exact: true }).fill(t.host);
  await form.getByLabel("Port", { exact: true }).fill(String(t.port));
  await form.getByLabel("ACL username (optional)").fill(t.username);
  await form.getByLabel("Password (optional)").fill(t.password);
  await expect(ca).toHaveCount(0);
  await form.getByLabel("TLS", { exact: true }).check();

  // Without the CA the server's certificate cannot be verified, and the test says so.
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(result).toContainText("not signed by a trusted CA");
  await ca.fill("not a certificate");
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form).toContainText("Not a PEM certificate");
  await expect(ca).toHaveAttribute("aria-invalid", "true");
  await ca.fill(t.caPem);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(result).toContainText("reachable");
  await form.getByRole("button", { name: "Register endpoint" }).click();
  await expect(page.getByRole("status")).toContainText("Registered private-ca-target");

  // Editing shows that a CA is stored (subject, expiry), not the PEM, and tests with it when left blank.
  await page.getByTestId("endpoint-private-ca-target").getByRole("link", { name: "Edit private-ca-target" }).click();
  const edit = page.getByRole("form", { name: "Edit private-ca-target" });
  await expect(edit).toContainText("Stored: CN=Ferry lab managed CA, expires");
  await expect(edit.getByLabel("CA certificate (PEM, optional)")).toHaveValue("");
  expect(await page.content()).not.toContain(caLine);
  await edit.getByRole("button", { name: "Test connection" }).click();
  await expect(edit.getByTestId("form-test-result")).toContainText("reachable");
  await edit.getByLabel("Remove the stored CA certificate").check();
  await edit.getByRole("button", { name: "Test connection" }).click();
  await expect(edit.getByTestId("form-test-result")).toContainText("not signed by a trusted CA");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/endpoints$/);
  await page.getByTestId("endpoint-private-ca-target").getByRole("link", { name: "Edit private-ca-target" }).click();
  await expect(page.getByRole("form", { name: "Edit private-ca-target" })).toContainText("Only when the server's certificate is signed by a private CA");
});
