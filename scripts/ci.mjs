#!/usr/bin/env node
// Runs every check and every test of the monorepo, then prints one plain `N passed, N failed` line
// summed over every test runner (vitest in each package, Playwright in the demo, and the checks below).
// Each step runs even when an earlier one failed, so one run shows everything that is wrong.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" };

/** Checks that are not test runners but still pass or fail as one unit each. */
const checks = [
  [
    "build, typecheck, unit tests, package lint and size budgets",
    "pnpm",
    ["exec", "turbo", "run", "build", "typecheck", "test", "lint", "size", "--continue"],
  ],
  ["browser end-to-end tests", "pnpm", ["exec", "turbo", "run", "e2e", "--continue"]],
  ["biome lint and format", "pnpm", ["exec", "biome", "check", "."]],
];

let checkPassed = 0;
let checkFailed = 0;
for (const [label, command, args] of checks) {
  console.log(`\n== ${label}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.status === 0) checkPassed++;
  else {
    checkFailed++;
    console.log(`!! ${label} failed (exit ${result.status ?? result.signal})`);
  }
}

let passed = 0;
let failed = 0;
const reports = [];
for (const group of ["packages", "apps", "examples", "bench"]) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  const folders = group === "bench" ? [""] : readdirSync(dir);
  for (const folder of folders) {
    const reportDir = join(dir, folder, ".reports");
    if (!existsSync(reportDir)) continue;
    for (const file of readdirSync(reportDir).filter((name) => name.endsWith(".json"))) {
      const report = JSON.parse(readFileSync(join(reportDir, file), "utf8"));
      // vitest writes numPassedTests/numFailedTests; Playwright writes stats.expected/unexpected.
      const p = report.numPassedTests ?? report.stats?.expected ?? 0;
      const f = (report.numFailedTests ?? 0) + (report.stats?.unexpected ?? 0);
      reports.push(`${join(group, folder, ".reports", file)}: ${p} passed, ${f} failed`);
      passed += p;
      failed += f;
    }
  }
}

console.log("\nTest reports:");
for (const line of reports) console.log(`  ${line}`);
console.log(`Checks: ${checkPassed} passed, ${checkFailed} failed`);
// A failed check that left no report (a build error, a lint error) still counts as a failure.
console.log(`${passed + checkPassed} passed, ${failed + checkFailed} failed`);
process.exit(failed + checkFailed === 0 ? 0 : 1);
