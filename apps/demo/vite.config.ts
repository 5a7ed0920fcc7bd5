import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";
import { parleyApi } from "./server/parleyApi.ts";

// This file runs in Node and imports workspace packages by name: Vite leaves those imports to Node,
// which resolves them to their built `dist` (turbo builds them first). Only the browser bundle of the
// dev server reads the packages' TypeScript source, through the `@parley/source` condition, so edits
// to them reload without a rebuild.
export default defineConfig(({ command, isPreview }) => ({
  plugins: [react(), parleyApi()],
  resolve:
    command === "serve" && !isPreview ? { conditions: ["@parley/source", ...defaultClientConditions] } : {},
  // No CORS: only this app's own pages may call /v2/chat, which spends the key when one is set.
  server: { host: "127.0.0.1", port: 4173, cors: false },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true, cors: false },
  // No source maps in the built app: the server would serve them to anyone.
  build: { sourcemap: false },
}));
