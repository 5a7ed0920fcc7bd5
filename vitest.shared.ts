import { defaultClientConditions, defaultServerConditions } from "vite";
import type { ViteUserConfig } from "vitest/config";

// vitest 5 groups failures with Map.groupBy/Object.groupBy when it reports them; Node 20 has neither (they came in
// Node 21), and without them a failing run crashes before printing what failed or writing its JSON report. This file
// is loaded in vitest's main process, where the reporters run.
if (typeof (Map as { groupBy?: unknown }).groupBy !== "function") {
  Object.defineProperty(Map, "groupBy", {
    configurable: true,
    writable: true,
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const k = key(item, index++);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
  });
}
if (typeof (Object as { groupBy?: unknown }).groupBy !== "function") {
  Object.defineProperty(Object, "groupBy", {
    configurable: true,
    writable: true,
    value<T>(items: Iterable<T>, key: (item: T, index: number) => PropertyKey): Record<PropertyKey, T[]> {
      const groups: Record<PropertyKey, T[]> = Object.create(null);
      let index = 0;
      for (const item of items) {
        const k = key(item, index++);
        const group = groups[k] ?? [];
        group.push(item);
        groups[k] = group;
      }
      return groups;
    },
  });
}

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
    // CI has 2 cores and turbo runs the packages side by side: a generous limit keeps a busy machine from failing
    // tests that drive real HTTP servers. (Speed is measured by `pnpm bench`, never by tests.)
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
} satisfies ViteUserConfig;
