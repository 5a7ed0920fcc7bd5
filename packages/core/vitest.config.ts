import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.ts";

// Type tests (`*.test-d.ts`: what must and must not compile) run with the others, through tsc.
export default mergeConfig(
  sharedConfig,
  defineConfig({ test: { typecheck: { enabled: true, include: ["src/**/*.test-d.ts"] } } }),
);
