#!/usr/bin/env node
// Runs every check and every test of the monorepo, then prints one plain `N passed, N failed` line
// summed over every test runner (vitest in each package, Playwright in the demo, the consumers and the
// runtime matrix) and the checks below. Each step runs even when an earlier one failed, so one run shows
// everything that is wrong. Steps in one stage run in parallel; their output is printed as each ends.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { namesOf } from "./testNames.mjs";

const root = new URL("..", import.meta.url).pathname;
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" };

/** Stages run one after the other; the checks of a stage run at the same time. Each check passes or fails as one. */
const stages = [
  [
    ["package metadata", "node", ["scripts/check-package-metadata.mjs"]],
    ["changesets: every changed package has one", "node", ["scripts/changeset-status.mjs"]],
  ],
  [
    [
      "build (with the API reference), typecheck (with the docs' code blocks), unit tests, package lint and size budgets",
      "pnpm",
      ["exec", "turbo", "run", "build", "typecheck", "test", "lint", "size", "--continue"],
    ],
  ],
  [["pack dry run", "node", ["scripts/pack-packages.mjs", "--dry-run"]]],
  [
    ["consumers built from the tarballs", "node", ["consumers/run.mjs"]],
    ["runtime matrix", "node", ["runtimes/run.mjs"]],
  ],
  // Alone: the browser tests watch replies stream at a paced rate, which npm installs and other runtimes starve.
  [["browser end-to-end tests", "pnpm", ["exec", "turbo", "run", "e2e", "--continue"]]],
  [["biome lint and format", "pnpm", ["exec", "biome", "check", "."]]],
];

/** Folders whose `.reports/*.json` are summed: every package and app, and the single folders. */
const reportFolders = [
  ...["packages", "apps", "examples"].flatMap((group) =>
    existsSync(join(root, group)) ? readdirSync(join(root, group)).map((folder) => join(group, folder)) : [],
  ),
  "bench",
  "consumers",
  "docs",
  "runtimes",
];

function runCheck([label, command, args]) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const finish = (status) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`\n== ${label}: ${command} ${args.join(" ")} (${seconds} s)`);
      process.stdout.write(output.endsWith("\n") || output === "" ? output : `${output}\n`);
      if (status !== 0) console.log(`!! ${label} failed (exit ${status})`);
      resolve({ label, ok: status === 0, seconds });
    };
    child.on("error", (error) => {
      output += `${error.message}\n`;
      finish(1);
    });
    child.on("close", (code, signal) => finish(code ?? signal));
  });
}

const started = Date.now();
const results = [];
for (const stage of stages) results.push(...(await Promise.all(stage.map(runCheck))));
const checkPassed = results.filter((r) => r.ok).length;
const checkFailed = results.length - checkPassed;

let passed = 0;
let failed = 0;
const reports = [];
const failures = [];
for (const folder of reportFolders) {
  const reportDir = join(root, folder, ".reports");
  if (!existsSync(reportDir)) continue;
  for (const file of readdirSync(reportDir).filter((name) => name.endsWith(".json"))) {
    const report = JSON.parse(readFileSync(join(reportDir, file), "utf8"));
    // vitest (and ours) write numPassedTests/numFailedTests; Playwright writes stats.expected/unexpected.
    // A Playwright test that failed once and passed on its retry counts as passed, and is named below.
    const p = report.numPassedTests ?? (report.stats ? report.stats.expected + report.stats.flaky : 0);
    const f = (report.numFailedTests ?? 0) + (report.stats?.unexpected ?? 0);
    reports.push(`${join(folder, ".reports", file)}: ${p} passed, ${f} failed`);
    const { failedNames, flakyNames } = namesOf(report, root);
    for (const name of failedNames) failures.push(`  FAIL  ${folder}: ${name}`);
    for (const name of flakyNames)
      failures.push(`  FLAKY ${folder}: ${name} (failed, then passed on its retry)`);
    passed += p;
    failed += f;
  }
}

console.log("\nSteps:");
for (const r of results) console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.label} (${r.seconds} s)`);
console.log("Test reports:");
for (const line of reports) console.log(`  ${line}`);
if (failures.length > 0) console.log(`Failed or flaky tests:\n${failures.join("\n")}`);
console.log(`Wall time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`Checks: ${checkPassed} passed, ${checkFailed} failed`);
// A failed check that left no report (a build error, a lint error) still counts as a failure.
console.log(`${passed + checkPassed} passed, ${failed + checkFailed} failed`);
process.exit(failed + checkFailed === 0 ? 0 : 1);
