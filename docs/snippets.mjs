#!/usr/bin/env node
// Extracts every ```ts and ```tsx block of the docs (docs/*.md, the root README and each package's README) into
// .snippets/, one module per block, for `tsc -p .snippets` to typecheck under strict settings against the
// packages' source. A file named `packages-react-README.md-L50.tsx` holds the block that opens on line 50.
// A block whose info string says `no-check` (```ts no-check) is left out: keep that for deliberate fragments.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const here = new URL(".", import.meta.url).pathname;
const root = join(here, "..");
const out = join(here, ".snippets");

const sources = [
  ...readdirSync(here)
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(here, name)),
  join(root, "README.md"),
  ...readdirSync(join(root, "packages"))
    .map((folder) => join(root, "packages", folder, "README.md"))
    .filter((path) => existsSync(path)),
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let count = 0;
for (const source of sources) {
  const lines = readFileSync(source, "utf8").split("\n");
  const name = relative(root, source).replaceAll("/", "-");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|tsx)(\s.*)?$/.exec(lines[i] ?? "");
    if (!open) continue;
    const end = lines.findIndex((line, j) => j > i && line.startsWith("```"));
    if (end === -1) throw new Error(`${relative(root, source)}:${i + 1}: unclosed code block`);
    if (!open[2]?.includes("no-check")) {
      // `export {}` makes each block a module: its own scope, and top-level await is allowed.
      const body = `${lines.slice(i + 1, end).join("\n")}\nexport {};\n`;
      writeFileSync(join(out, `${name}-L${i + 1}.${open[1]}`), body);
      count++;
    }
    i = end;
  }
}
writeFileSync(
  join(out, "tsconfig.json"),
  `${JSON.stringify(
    {
      extends: "../../tsconfig.base.json",
      compilerOptions: {
        types: ["node"],
        noUnusedLocals: false,
        noUnusedParameters: false,
        allowImportingTsExtensions: false,
      },
      include: ["*.ts", "*.tsx"],
    },
    null,
    2,
  )}\n`,
);
console.log(`${count} code blocks from ${sources.length} files in docs/.snippets`);
