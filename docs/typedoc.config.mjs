// The API reference of every published package, from the TSDoc of its public entries (each subpath export).
// A public export without a doc comment, or any other TypeDoc warning, fails the build: there is no list of
// exceptions.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;

const names = [];

/** Source entry of every subpath export of every published package (the `@parley/source` condition). */
function publicEntries() {
  const entries = [];
  for (const folder of readdirSync(join(root, "packages"))) {
    const file = join(root, "packages", folder, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8"));
    if (pkg.private) continue;
    names.push(pkg.name);
    for (const target of Object.values(pkg.exports ?? {})) {
      const source = typeof target === "object" ? target["@parley/source"] : undefined;
      if (source) entries.push(join(root, "packages", folder, source));
    }
  }
  return entries;
}

/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  name: "Parley",
  entryPoints: publicEntries(),
  // TypeDoc only asks for docs in the packages named here (by default, the one it runs in: this one).
  packagesRequiringDocumentation: names,
  tsconfig: "./tsconfig.typedoc.json",
  plugin: ["./entryNames.mjs"],
  out: "api",
  readme: "none",
  excludePrivate: true,
  excludeInternal: true,
  treatWarningsAsErrors: true,
  // Source links point at the public repository, not at whatever remote (or none) the checkout has: a clone
  // without a GitHub remote would otherwise warn, and warnings fail the build.
  disableGit: true,
  sourceLinkTemplate: "https://github.com/parley-dev/parley/blob/main/{path}#L{line}",
  basePath: root,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  // The public exports (every exported declaration) and their public methods and accessors must be documented;
  // properties are not required: the wire types alone have hundreds of snake_case fields named as on the wire
  // (their meaning is Cohere's, documented once in the type). Options still carry their docs and `@default`
  // by the code style, and a property's doc comment, when present, is checked like any other.
  requiredToBeDocumented: [
    "Enum",
    "EnumMember",
    "Variable",
    "Function",
    "Class",
    "Interface",
    "Method",
    "Accessor",
    "TypeAlias",
  ],
};
