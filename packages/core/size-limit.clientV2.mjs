// The esbuild config behind the size check "ClientV2, initial load": what `import { ClientV2 }` puts in an app's
// bundle. `runTools`, `chatObject` and `chatObjectStream` are methods that load their code with `import()` on
// first call; an app's bundler splits that code into chunks fetched only then, so here those imports are left
// out (marked external). The check "ClientV2 with every method called" counts them in.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export default {
  stdin: {
    contents: 'import { ClientV2 } from "./dist/index.js";\nconsole.log(ClientV2);\n',
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
  outdir: join(tmpdir(), "parley-size-limit-clientV2"),
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
