import { defineConfig } from "@playwright/test";
import { E2E } from "./e2e/env";

// Runs against the built app (`next build` first) on a free port with its own database file.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: E2E.baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  webServer: {
    command: `npx --no-install tsx e2e/seed.ts && npx --no-install next start -H 127.0.0.1 -p ${E2E.port}`,
    url: `${E2E.baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: E2E.serverEnv,
    stdout: "pipe",
  },
});
