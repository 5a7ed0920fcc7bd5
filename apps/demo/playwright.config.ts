import { defineConfig } from "@playwright/test";
import { FAKE_UPSTREAM_PORT, KEYED_PORT, SECRET } from "./e2e/keyedServer";

/** Debian's chromium, not a downloaded one; these flags keep it quiet and offline. */
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const preview = "pnpm exec vite preview --host 127.0.0.1 --strictPort --port";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [["list"], ["json", { outputFile: ".reports/playwright.json" }]],
  use: {
    baseURL: "http://127.0.0.1:4173",
    browserName: "chromium",
    launchOptions: { executablePath: "/usr/bin/chromium", args: chromiumArgs },
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
