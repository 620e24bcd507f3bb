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
  reporter: [["list"], ["json", { outputFile: process.env.E2E_REPORT ?? "test-results/playwright.json" }]],
  use: {
    baseURL: E2E.baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  webServer: [
    {
      // The lab: a local ElastiCache/CloudWatch/S3 with real redis-server processes.
      command: "npx --no-install tsx lab/main.ts",
      url: `${E2E.lab.endpoint}/_lab/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { LAB_PORT: String(E2E.lab.port), LAB_FILE: E2E.lab.file, LAB_DIR: E2E.lab.dir, LAB_FAST: "1", LAB_SOURCE_KEYS: "3000", LAB_REPLICATE_KEYS: "5000", LAB_WRITE_RATE: "50", LAB_METRICS_PERIOD_MS: "1000" },
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
    {
      command: `npx --no-install tsx e2e/seed.ts && npx --no-install next start -H 127.0.0.1 -p ${E2E.port}`,
      url: `${E2E.baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: E2E.serverEnv,
      stdout: "pipe",
    },
  ],
});
