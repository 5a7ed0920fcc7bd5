import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.ts";

export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      setupFiles: ["src/test/scanForKey.ts"],
      // The hostile-client suite measures heap growth after a forced collection.
      execArgv: ["--expose-gc"],
    },
  }),
);
