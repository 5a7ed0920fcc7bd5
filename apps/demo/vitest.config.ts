import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared";

// Unit tests of the server plugin and the app's pure helpers; the browser tests in e2e/ belong to Playwright.
export default mergeConfig(
  sharedConfig,
  defineConfig({ test: { include: ["server/**/*.test.ts", "src/**/*.test.ts"], environment: "node" } }),
);
