import { defineConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.ts";

// The test runs the built server (`dist/`), as `pnpm start` does; turbo builds it first (see turbo.json).
export default defineConfig(sharedConfig);
