import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** One bundle row: an entry in src/bundle/, built as a browser app would ship it. */
export interface BundleEntry {
  name: string;
  file: string;
  /** React is the app's own dependency, not the chat library's. */
  react?: boolean;
}

export const CHAT_BUNDLES: BundleEntry[] = [
  { name: "minimal loop (floor)", file: "loop.ts" },
  { name: "eventsource-parser + loop", file: "eventsourceParser.ts" },
  { name: "@parley/core", file: "parley.ts" },
  { name: "cohere-ai", file: "cohere.ts" },
  { name: "ai + @ai-sdk/cohere", file: "ai.ts" },
];

export const HOOK_BUNDLES: BundleEntry[] = [
  { name: "@parley/react useChat (with @parley/core)", file: "parleyReact.tsx", react: true },
  { name: "@ai-sdk/react useChat (with ai)", file: "aiSdkReact.tsx", react: true },
];

export interface BundleSize {
  minBytes: number;
  gzipBytes: number;
}

/**
 * esbuild with bundle, minify, platform browser, ESM: the packages resolve through their published `exports`
 * (so @parley/* is measured from its built dist, as users get it). gzip at level 9, as size-limit measures.
 */
export async function measureBundle(entry: BundleEntry, srcDir: string): Promise<BundleSize> {
  const result = await build({
    entryPoints: [`${srcDir}/bundle/${entry.file}`],
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    jsx: "automatic",
    external: entry.react ? ["react", "react-dom", "react/jsx-runtime"] : [],
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}
