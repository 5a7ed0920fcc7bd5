#!/usr/bin/env node
// `changeset status` for CI: every package changed since the last release has a changeset waiting.
// Plain `changeset status` diffs against the base branch, which on CI's fresh clone of main is HEAD itself,
// so it would check nothing. The last release is the last commit that changed a package's CHANGELOG.md
// (`changeset version` writes them); before the first release, it is the repository's first commit.
import { spawnSync } from "node:child_process";

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

if (import.meta.url === `file://${process.argv[1]}`) {
  const since = lastReleaseRef();
  console.log(`changeset status --since ${since} (${git(["log", "-1", "--format=%s", since])})`);
  const result = spawnSync("pnpm", ["exec", "changeset", "status", "--since", since], {
    cwd: root,
    stdio: "inherit",
  });
  process.exit(result.status ?? 1);
}
