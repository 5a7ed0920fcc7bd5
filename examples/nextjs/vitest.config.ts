import { defineConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared";

// The test serves the built app (`.next/`) with `next start`; turbo builds it first (see turbo.json).
export default defineConfig({ ...sharedConfig, test: { ...sharedConfig.test, include: ["*.test.ts"] } });
