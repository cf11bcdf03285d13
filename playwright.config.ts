import { SERVER_NODE_ARGS } from "./scripts/server-args";
import { defineConfig, devices } from "@playwright/test";
import { E2E_PORT, e2eServerEnv } from "./e2e/fixtures/server-env";

const chromium = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "test-results/report" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    storageState: "test-results/.auth/admin.json",
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromium,
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
    // Security, API and proxy behaviour does not depend on the viewport: desktop only.
    { name: "phone", use: { ...devices["Pixel 7"], launchOptions: chromium }, testIgnore: ["security/**", "caddy/**"] },
  ],
  webServer: {
    command: `rm -rf test-results/e2e-db && node ${SERVER_NODE_ARGS.join(" ")}`,
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: e2eServerEnv(E2E_PORT, "test-results/e2e-db/panel.db", false) as Record<string, string>,
    stdout: "pipe",
  },
});
