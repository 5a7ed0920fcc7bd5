import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.ts";

export default mergeConfig(
  sharedConfig,
  defineConfig({
    // The hostile-client suite measures heap growth after a forced collection.
    test: { execArgv: ["--expose-gc"] },
  }),
);
