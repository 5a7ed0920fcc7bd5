import { defaultClientConditions, defaultServerConditions } from "vite";
import type { ViteUserConfig } from "vitest/config";

/**
 * Shared vitest settings: workspace packages resolve to their TypeScript source through the
 * `@parley/source` export condition, so no package has to be built before its dependents' tests run.
 * Each run also writes a JSON report that `scripts/ci.mjs` sums into the final `N passed, N failed` line.
 */
export const sharedConfig = {
  resolve: { conditions: ["@parley/source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["@parley/source", ...defaultServerConditions] } },
  test: {
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
    restoreMocks: true,
  },
} satisfies ViteUserConfig;
