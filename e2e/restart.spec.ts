import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../lab/free-port";
import { signIn } from "./helpers";

// A second server with its own database file: add a user, stop the server, start it again,
// and the user can still sign in.
test("users survive a restart (data lives in the SQLite file)", async ({ page }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-restart-"));
  // A port of its own: E2E_PORT + 1 may be taken on a busy machine, and another server answering
  // there would make the restart look fine while this one had failed to start.
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, "ferry.db")}`, FERRY_ADMIN_EMAIL: "boss@e2e.test", FERRY_ADMIN_PASSWORD: "boss-password-123" };
  const base = `http://127.0.0.1:${port}`;
  let server = await startServer(port, env);
  try {
    await signIn(page, { email: "boss@e2e.test", password: "boss-password-123" }, base);
    await page.goto(`${base}/settings`);
    const form = page.getByRole("form", { name: "Add a user" });
    await form.getByLabel("Name").fill("Kept");
    await form.getByLabel("Email").fill("kept@e2e.test");
    await form.getByLabel("Initial password").fill("kept-password-123");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByRole("status")).toHaveText("Added kept@e2e.test.");
    await stopServer(server);

    server = await startServer(port, env);
    await page.context().clearCookies();
    await signIn(page, { email: "kept@e2e.test", password: "kept-password-123" }, base);
  } finally {
    await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function startServer(port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn("bash", ["-c", `node scripts/migrate.mjs && exec npx --no-install next start -H 127.0.0.1 -p ${port}`], { env, stdio: "ignore", detached: true });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before answering`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not start");
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch (e) {
    // The group is already gone; its exit event is still on its way.
    if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
  }
  await exited;
}
