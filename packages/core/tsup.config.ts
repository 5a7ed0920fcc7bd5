import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/protocol.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  // One copy of each class across entries in CJS too, so `instanceof` holds between root and protocol.
  splitting: true,
  sourcemap: true,
  target: "es2022",
});
