// End-to-end tests: Debian's Chromium (never `playwright install`) against a real production build.
// The web server is `node scripts/start.mjs` (the same path as `npm start`) building into .next-e2e when
// sources changed, on a free port, with a temp SQLite DB and known admin credentials (e2e/fixtures/env.ts).
import { defineConfig } from "@playwright/test";
import { E2E } from "./e2e/fixtures/env";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results/playwright",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS) || 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/playwright.json" }]] : [["list"]],
  use: {
    baseURL: E2E.baseURL,
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
      ],
    },
  },
  // The shell spec proves the empty first-run workspace, so it runs before any spec that creates designs
  // on the shared server.
  projects: [
    { name: "first-run", testMatch: ["**/shell.spec.ts", "**/auth.spec.ts"] },
    { name: "features", testIgnore: ["**/shell.spec.ts", "**/auth.spec.ts"], dependencies: ["first-run"] },
  ],
  webServer: {
    command: "node scripts/start.mjs",
    url: `${E2E.baseURL}/api/health`,
    timeout: 900_000, // first build on 2 cores
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: E2E.serverEnv,
  },
});
