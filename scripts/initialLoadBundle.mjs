// The esbuild config behind the size checks that measure what a page loads first: code reached only through
// `import()` (core's `runTools`, `chatObject` and `chatObjectStream` load that way on first call) is left out,
// since an app's bundler splits it into chunks fetched only then. Used by core's "ClientV2, initial load" check
// and conformance's browser-entry check.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * @param {string} contents the app's entry module, resolved from `dir`
 * @param {URL} dir the package folder (its `dist/` is what is measured)
 * @param {string} name a name for the output folder
 */
export function initialLoadBundle(contents, dir, name) {
  return {
    stdin: { contents, resolveDir: fileURLToPath(dir), loader: "js" },
    bundle: true,
    format: "esm",
    minifyIdentifiers: true,
    minifySyntax: true,
    minifyWhitespace: true,
    treeShaking: true,
    write: true,
    allowOverwrite: true,
    outdir: join(tmpdir(), `parley-size-limit-${name}`),
    plugins: [
      {
        name: "lazy-chunks-external",
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) =>
            args.kind === "dynamic-import" ? { path: args.path, external: true } : undefined,
          );
        },
      },
    ],
  };
}
