import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: true,
    target: "es2022",
    platform: "neutral",
    external: ["@parley/core", /^node:/],
  },
  {
    // Node-only pieces (HTTP server, file loading, the recording proxy) live behind `@parley/conformance/node`,
    // so the main entry stays free of Node built-ins.
    entry: ["src/node.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "node20",
    platform: "node",
    external: ["@parley/core"],
  },
  {
    entry: ["src/cli.ts"],
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    platform: "node",
    external: ["@parley/core"],
    banner: { js: "#!/usr/bin/env node" },
  },
]);
