#!/usr/bin/env node
// `changeset status` for CI: every published package changed since the last release has a changeset waiting.
// Plain `changeset status` diffs against the base branch, which on CI's fresh clone of main is HEAD itself,
// so it would check nothing; and it fails only when there is no changeset at all, so one changeset for core
// would let a change to react through. This runs it `--since` the last release (the last commit that changed
// a package's CHANGELOG.md, which `changeset version` writes; before the first release, the first commit),
// then checks each changed package is named by a changeset added since then (changesets reads only those;
// before the first release, a changeset added in the very first commit is not counted).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publishedPackages } from "./check-package-metadata.mjs";

const root = new URL("..", import.meta.url).pathname;

function git(args) {
  const result = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** The commit changes are counted from: the last release commit, else the first commit. */
export function lastReleaseRef() {
  const release = git(["log", "-1", "--format=%H", "--", "packages/*/CHANGELOG.md"]);
  if (release) return release;
  // A shallow clone has no first commit; its oldest commit is the best it can do.
  return (
    git(["rev-list", "--max-parents=0", "HEAD"]).split("\n").at(-1) ||
    git(["rev-list", "--reverse", "HEAD"]).split("\n")[0]
  );
}

/** Published packages with a file changed between `since` and HEAD. */
function changedPackages(since) {
  const files = git(["diff", "--name-only", since, "HEAD"]).split("\n");
  return publishedPackages()
    .filter(([dir]) => files.some((file) => file.startsWith(`${dir}/`)))
    .map(([, pkg]) => pkg.name);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const since = lastReleaseRef();
  console.log(`changeset status --since ${since} (${git(["log", "-1", "--format=%s", since])})`);
  const temp = mkdtempSync(join(tmpdir(), "parley-changesets-"));
  try {
    const planFile = join(temp, "plan.json");
    const args = ["exec", "changeset", "status", "--since", since, "--output", planFile];
    const result = spawnSync("pnpm", args, { cwd: root, stdio: "inherit" });
    if (result.status !== 0) process.exit(result.status ?? 1);
    const plan = JSON.parse(readFileSync(planFile, "utf8"));
    const named = new Set(plan.changesets.flatMap((changeset) => changeset.releases.map((r) => r.name)));
    for (const release of plan.releases.filter((r) => r.type !== "none"))
      console.log(`  ${release.name}: ${release.type} -> ${release.newVersion}`);
    const missing = changedPackages(since).filter((name) => !named.has(name));
    if (missing.length > 0) {
      console.log(
        `changed since the last release without a changeset: ${missing.join(", ")} (add one: pnpm changeset)`,
      );
      process.exit(1);
    }
    console.log(`every changed package has a changeset (${plan.changesets.length} pending)`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
