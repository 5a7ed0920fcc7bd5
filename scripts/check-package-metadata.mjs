#!/usr/bin/env node
// Checks that every published package (each packages/* whose package.json is not private) carries what a
// public release needs: license and readme files that ship, links, engines, peer ranges with an upper bound,
// types for every export under every resolution mode (typesVersions for node10), and a lint script that runs
// publint and attw without a profile that would hide failures. A new package is checked as soon as it exists.
// Exits 1 and names each package and field that is wrong.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const REPO = "https://github.com/parley-dev/parley";
/**
 * The oldest Node every check of the runtime matrix passes on: it runs this minimum (`node-min` in
 * runtimes/host/package.json must be this version). Nothing of ours calls `AbortSignal.any` (Node 20.3) any more.
 */
export const ENGINES_NODE = ">=20.0.0";
export const REACT_PEER = "^18.0.0 || ^19.0.0";

const rootLicense = readFileSync(join(root, "LICENSE"), "utf8");
const changesetIgnore = JSON.parse(readFileSync(join(root, ".changeset/config.json"), "utf8")).ignore ?? [];

/** Problems of one package, as sentences naming the field. */
export function packageProblems(dir, pkg) {
  const problems = [];
  const want = (ok, message) => {
    if (!ok) problems.push(message);
  };
  const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

  want(/^@parley\/[a-z0-9-]+$/.test(pkg.name ?? ""), `name: '${pkg.name}' is not @parley/<name>`);
  want(/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(pkg.version ?? ""), `version: '${pkg.version}' is not semver`);
  want(typeof pkg.description === "string" && pkg.description.length > 0, "description: missing");
  want(
    Array.isArray(pkg.keywords) &&
      pkg.keywords.length > 0 &&
      pkg.keywords.every((k) => typeof k === "string"),
    "keywords: needs a non-empty list of strings",
  );
  want(pkg.license === "MIT", `license: '${pkg.license}', expected 'MIT'`);
  const license = join(root, dir, "LICENSE");
  want(existsSync(license), "LICENSE: no file in the package folder (copy the root LICENSE)");
  if (existsSync(license))
    want(readFileSync(license, "utf8") === rootLicense, "LICENSE: differs from the root LICENSE");
  want(existsSync(join(root, dir, "README.md")), "README.md: missing");
  want(Array.isArray(pkg.files) && pkg.files.includes("LICENSE"), "files: must list 'LICENSE' so it ships");
  want(Array.isArray(pkg.files) && pkg.files.includes("dist"), "files: must list 'dist'");
  want(
    pkg.homepage === `${REPO}/tree/main/${dir}#readme`,
    `homepage: expected '${REPO}/tree/main/${dir}#readme'`,
  );
  want(pkg.bugs?.url === `${REPO}/issues`, `bugs.url: expected '${REPO}/issues'`);
  want(
    pkg.repository?.type === "git" &&
      pkg.repository?.url === `git+${REPO}.git` &&
      pkg.repository?.directory === dir,
    `repository: expected { type: 'git', url: 'git+${REPO}.git', directory: '${dir}' }`,
  );
  want(
    pkg.engines?.node === ENGINES_NODE,
    `engines.node: '${pkg.engines?.node}', expected '${ENGINES_NODE}'`,
  );
  want(pkg.publishConfig?.access === "public", "publishConfig.access: expected 'public' (scoped package)");
  want(pkg.type === "module", "type: expected 'module'");
  want(
    !changesetIgnore.includes(pkg.name),
    ".changeset/config.json: a published package must not be ignored",
  );

  for (const [name, range] of Object.entries(pkg.peerDependencies ?? {})) {
    if (name === "react" || name === "react-dom")
      want(range === REACT_PEER, `peerDependencies.${name}: '${range}', expected '${REACT_PEER}'`);
    want(!/^\s*(\*|>=?[^<]*)$/.test(range), `peerDependencies.${name}: '${range}' has no upper bound`);
  }
  for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
    if (name.startsWith("@parley/"))
      want(
        range === "workspace:^",
        `dependencies.${name}: '${range}', expected 'workspace:^' (a caret range)`,
      );
  }
  for (const [bin, path] of Object.entries(
    typeof pkg.bin === "string" ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {}),
  ))
    want(path.startsWith("./dist/"), `bin.${bin}: '${path}' is not under ./dist/`);

  const lint = pkg.scripts?.lint ?? "";
  want(lint.includes("publint --strict"), "scripts.lint: must run 'publint --strict'");
  want(lint.includes("attw --pack ."), "scripts.lint: must run 'attw --pack .'");
  want(
    !/--profile|--ignore-rules|--exclude-entrypoints/.test(lint),
    "scripts.lint: attw must not hide failures",
  );

  const exportsMap = pkg.exports;
  if (!isObject(exportsMap)) {
    problems.push("exports: missing");
    return problems;
  }
  want(exportsMap["./package.json"] === "./package.json", "exports: must expose './package.json'");
  for (const [subpath, target] of Object.entries(exportsMap)) {
    if (subpath === "./package.json") continue;
    const where = `exports['${subpath}']`;
    if (!isObject(target)) {
      problems.push(`${where}: expected conditions { '@parley/source', import, require }`);
      continue;
    }
    want(Object.keys(target)[0] === "@parley/source", `${where}: '@parley/source' must come first`);
    for (const condition of ["import", "require"]) {
      const branch = target[condition];
      want(
        isObject(branch) && Object.keys(branch)[0] === "types" && typeof branch.default === "string",
        `${where}.${condition}: expected { types, default } with types first`,
      );
    }
    const types = target.import?.types;
    if (subpath === ".") {
      want(pkg.types === types, `types: '${pkg.types}', expected '${types}' (node10 reads it)`);
      want(pkg.main === target.require?.default, `main: expected '${target.require?.default}'`);
      want(pkg.module === target.import?.default, `module: expected '${target.import?.default}'`);
    } else {
      // node10 resolution ignores `exports`; typesVersions is how it finds a subpath's types.
      const key = subpath.replace(/^\.\//, "");
      const mapped = pkg.typesVersions?.["*"]?.[key];
      want(
        Array.isArray(mapped) && mapped.length === 1 && mapped[0] === types,
        `typesVersions['*']['${key}']: expected ['${types}'] so node10 resolution finds the types of '${subpath}'`,
      );
    }
  }
  return problems;
}

/** Every non-private package under packages/, as [folder relative to the root, package.json]. */
export function publishedPackages() {
  return readdirSync(join(root, "packages"))
    .map((folder) => `packages/${folder}`)
    .filter((dir) => existsSync(join(root, dir, "package.json")))
    .map((dir) => [dir, JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"))])
    .filter(([, pkg]) => pkg.private !== true);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = 0;
  for (const [dir, pkg] of publishedPackages()) {
    const problems = packageProblems(dir, pkg);
    if (problems.length === 0) console.log(`ok    ${pkg.name} (${dir})`);
    else {
      failed++;
      console.log(`FAIL  ${pkg.name} (${dir})`);
      for (const problem of problems) console.log(`      - ${problem}`);
    }
  }
  process.exit(failed === 0 ? 0 : 1);
}
