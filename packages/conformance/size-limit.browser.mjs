// The esbuild config behind the size check of the browser entry: what `import * from "@parley/conformance"` puts
// in a page, @parley/core included. Core's `ClientV2` loads `runTools`, `chatObject` and `chatObjectStream` with
// `import()` on first call; conformance never calls them, and an app's bundler splits that code into chunks
// fetched only then, so their imports are left out here (as in core's own "initial load" check, whose other
// check counts them). Without this, esbuild inlines them and the figure is about 3.5 kB gzip higher.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export default {
  stdin: {
    contents: 'import * as conformance from "./dist/index.js";\nconsole.log(conformance);\n',
    resolveDir: fileURLToPath(new URL(".", import.meta.url)),
    loader: "js",
  },
  bundle: true,
  format: "esm",
  minifyIdentifiers: true,
  minifySyntax: true,
  minifyWhitespace: true,
  treeShaking: true,
  write: true,
  allowOverwrite: true,
  outdir: join(tmpdir(), "parley-size-limit-conformance-browser"),
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
