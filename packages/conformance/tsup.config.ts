import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The main entry needs no Node built-ins; `./node` adds the Node-only pieces (HTTP server, files, the recording
    // proxy). One build with shared chunks, in CJS too, so each class exists once across both entries and
    // `instanceof CassetteError` holds for an error thrown by `loadCassette`.
    entry: ["src/index.ts", "src/node.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    splitting: true,
    sourcemap: true,
    target: "es2022",
    platform: "neutral",
    external: ["@parley/core", /^node:/],
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
