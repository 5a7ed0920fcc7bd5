import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: true,
    target: "es2022",
    // Web-standard only: Next.js, Workers, Bun and Deno load the same file.
    platform: "neutral",
    external: ["@parley/core", /^@parley\/core\//],
  },
  {
    entry: ["src/node.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "node20",
    platform: "node",
    external: ["@parley/core", /^@parley\/core\//],
  },
]);
