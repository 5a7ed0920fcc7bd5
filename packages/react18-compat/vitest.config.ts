import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.ts";

// @parley/react supports React 18 and 19 but is developed on 19. This package runs the very same hook tests
// (`../react/src/*.test.tsx`) with React 18: its own node_modules hold React 18 and a @testing-library/react
// bound to it, and the aliases send the hooks' `react` imports there too, so one React instance serves all.
const here = dirname(fileURLToPath(import.meta.url));
const local = (name: string) => join(here, "node_modules", name);

// The shared reporters write to the root's `.reports`, which is @parley/react's: this run reports to its own.
const { reporters: _shared, ...sharedTest } = sharedConfig.test;

export default mergeConfig(
  { ...sharedConfig, test: sharedTest },
  defineConfig({
    resolve: {
      alias: [
        { find: /^react-dom(\/.*)?$/, replacement: `${local("react-dom")}$1` },
        { find: /^react(\/.*)?$/, replacement: `${local("react")}$1` },
        { find: /^@testing-library\/react$/, replacement: local("@testing-library/react") },
      ],
    },
    test: {
      root: join(here, "..", "react"),
      include: ["src/**/*.test.tsx", "../react18-compat/*.test.ts"],
      environment: "happy-dom",
      reporters: ["default", ["json", { outputFile: join(here, ".reports", "vitest.json") }]],
    },
  }),
);
