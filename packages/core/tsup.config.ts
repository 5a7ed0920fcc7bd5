import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  // eventsource-parser ships ESM only; bundling it keeps the CJS build working and core free of runtime dependencies.
  noExternal: ["eventsource-parser"],
});
