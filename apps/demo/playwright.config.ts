import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "../../scripts/chromium.mjs";
import { FAKE_UPSTREAM_PORT, KEYED_PORT, SECRET } from "./e2e/keyedServer";

const preview = "pnpm exec vite preview --host 127.0.0.1 --strictPort --port";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // Several tests wait for two to five replies at the simulated pace (about 5 s each), or for the suite to run in the
  // page; on a loaded 2-core CI machine that is well past Playwright's default of 30 s.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // One retry on CI, so a machine's stall does not fail the run; scripts/ci.mjs names every test that needed it.
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [["list"], ["json", { outputFile: ".reports/playwright.json" }]],
  use: {
    baseURL: "http://127.0.0.1:4173",
    browserName: "chromium",
    launchOptions: chromiumLaunchOptions(),
    trace: "retain-on-failure",
  },
  webServer: [
    // The demo as `pnpm demo` serves it: no key, so the simulated provider answers.
    {
      command: `${preview} 4173`,
      url: "http://127.0.0.1:4173",
      reuseExistingServer: false,
      env: { CO_API_KEY: "" },
    },
    // A fake Cohere that checks the key it is sent, and the demo proxying to it with that key.
    {
      command: `node e2e/fakeUpstream.mjs ${FAKE_UPSTREAM_PORT}`,
      env: { FAKE_UPSTREAM_KEY: SECRET },
      url: `http://127.0.0.1:${FAKE_UPSTREAM_PORT}/health`,
      reuseExistingServer: false,
    },
    {
      command: `${preview} ${KEYED_PORT}`,
      url: `http://127.0.0.1:${KEYED_PORT}`,
      reuseExistingServer: false,
      env: { CO_API_KEY: SECRET, PARLEY_DEMO_UPSTREAM: `http://127.0.0.1:${FAKE_UPSTREAM_PORT}` },
    },
  ],
});
