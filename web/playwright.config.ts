import { defineConfig } from "@playwright/test";

// The end-to-end tests (`make e2e`, part of `make test`): Playwright drives Debian's Chromium against the
// real local server, which e2e/support/server.ts starts with fresh demo data on free ports and stops.
export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/support/server.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "../.local/e2e-results",
  use: {
    // Set by the global setup before the workers start (they read this file again).
    baseURL: process.env.E2E_BASE_URL,
    viewport: { width: 1280, height: 900 },
    locale: "en-GB",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
