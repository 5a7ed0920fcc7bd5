#!/usr/bin/env node
// Packs every published package as `pnpm publish` would (workspace ranges replaced by real ones) and checks
// what each tarball holds: LICENSE, README.md, every file package.json points at, and no tests or fixtures.
//   node scripts/pack-packages.mjs --dry-run      lists and checks the files, writes nothing (CI's pack dry run)
//   node scripts/pack-packages.mjs --out <dir>    writes the tarballs there (consumers/ and runtimes/ use them)
// Needs the packages built (dist/).
import { spawnSync } from "node:child_process";
import { mkdirSync, rmdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { publishedPackages } from "./check-package-metadata.mjs";

const root = new URL("..", import.meta.url).pathname;

/** Every relative file path package.json points at: main, module, types, bin, exports, typesVersions. */
function referencedFiles(pkg) {
  const paths = new Set();
  const walk = (value) => {
    if (typeof value === "string") {
      if (value.startsWith("./")) paths.add(value.slice(2));
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk([pkg.main, pkg.module, pkg.types, pkg.bin, pkg.exports, pkg.typesVersions]);
  return [...paths];
}

/** What is wrong with a tarball's file list, as sentences. */
export function tarballProblems(pkg, files) {
  const problems = [];
  const have = new Set(files);
  for (const required of ["LICENSE", "README.md", "package.json"])
    if (!have.has(required)) problems.push(`${required} is not in the tarball`);
  for (const path of referencedFiles(pkg))
    if (!have.has(path)) problems.push(`package.json points at ${path}, which is not in the tarball`);
  for (const path of files)
    if (/\.test\.tsx?$|__fixtures__\/|^src\/test\/|\.tsbuildinfo$|^\.reports\//.test(path))
      problems.push(`${path} should not ship`);
  return problems;
}

/**
 * Runs `work` while holding a lock folder: CI runs the consumers and the runtime matrix side by side, and two
 * `pnpm pack` runs in one package folder at once fail to write their tarballs. `mkdir` is atomic, so it is the lock.
 */
function withPackLock(work) {
  const lock = join(root, "node_modules", ".parley-pack-lock");
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== "EEXIST" || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return work();
  } finally {
    rmdirSync(lock);
  }
}

function pack(dir, args) {
  const result = spawnSync("pnpm", ["pack", "--json", ...args], { cwd: join(root, dir), encoding: "utf8" });
  if (result.status !== 0) throw new Error(`pnpm pack in ${dir} failed:\n${result.stderr}${result.stdout}`);
  return JSON.parse(result.stdout);
}

/**
 * Packs each published package into `outDir` and checks it; throws on the first bad tarball.
 * @returns {{ name: string, version: string, tarball: string, files: string[] }[]}
 */
export function packPackages(outDir) {
  mkdirSync(outDir, { recursive: true });
  return withPackLock(() =>
    publishedPackages().map(([dir, pkg]) => {
      const packed = pack(dir, ["--pack-destination", resolve(outDir)]);
      const files = packed.files.map((file) => file.path);
      const problems = tarballProblems(pkg, files);
      if (problems.length > 0) throw new Error(`${pkg.name}: ${problems.join("; ")}`);
      const tarball = resolve(outDir, packed.filename);
      return { name: pkg.name, version: pkg.version, tarball, files };
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf("--out");
  if (args.includes("--dry-run")) {
    let failed = 0;
    for (const [dir, pkg] of publishedPackages()) {
      const files = pack(dir, ["--dry-run"]).files.map((file) => file.path);
      const problems = tarballProblems(pkg, files);
      console.log(`${problems.length === 0 ? "ok  " : "FAIL"}  ${pkg.name}: ${files.length} files`);
      for (const problem of problems) console.log(`      - ${problem}`);
      if (problems.length > 0) failed++;
    }
    process.exit(failed === 0 ? 0 : 1);
  } else if (outIndex !== -1 && args[outIndex + 1]) {
    for (const packed of packPackages(args[outIndex + 1])) console.log(packed.tarball);
  } else {
    console.error("usage: node scripts/pack-packages.mjs --dry-run | --out <dir>");
    process.exit(2);
  }
}
