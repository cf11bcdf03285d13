import { SERVER_NODE_ARGS } from "./scripts/server-args";
import { defineConfig, devices } from "@playwright/test";
import { E2E_PORT, e2eServerEnv } from "./e2e/fixtures/server-env";

const chromium = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
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
  // Each spec runs on the viewport(s) it tests, once per viewport: a lab-backed spec skipped
  // inside its tests still starts its panel, so what a project does not test is ignored here.
  projects: [
    // The deploy flow is "from a phone": its spec sets the Pixel 7 itself and takes the desktop
    // screenshot inside, so it runs in the phone project only.
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromium }, testIgnore: ["machines/deploy.spec.ts"] },
    {
      name: "phone",
      use: { ...devices["Pixel 7"], launchOptions: chromium },
      testIgnore: [
        // Security, API and proxy behaviour does not depend on the viewport.
        "security/**",
        "caddy/**",
        // The push path of a health badge is the same on any viewport.
        "dashboard/live-health.spec.ts",
        // Uptime and incidents come from the same history on any viewport; where a phone shows
        // the tile's uptime (in its details) is checked by dashboard/phone-layout.spec.ts.
        "dashboard/health-history.spec.ts",
        // Inventory forms and imports: once, on desktop; the phone layout of the import page is
        // covered by import.spec.ts, which runs on both.
        "inventory/import-flake.spec.ts",
        "inventory/machine-delete.spec.ts",
        "inventory/service-crud.spec.ts",
        // Streaming and reconnects over socket.io do not depend on the viewport; the log viewer and
        // a unit's journal on a phone are covered by live/log-viewer.spec.ts.
        "live/live-stream.spec.ts",
        // What an idle page sends does not depend on the viewport.
        "live/idle-pages.spec.ts",
      ],
    },
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
