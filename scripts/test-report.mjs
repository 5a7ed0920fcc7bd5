// Writes a vitest-shaped JSON report (numPassedTests / numFailedTests), which scripts/ci.mjs sums.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** @param {{ title: string, status: "passed" | "failed" | "pending", message?: string }[]} tests */
export function writeTestReport(dir, file, tests) {
  const count = (status) => tests.filter((test) => test.status === status).length;
  const report = {
    numPassedTests: count("passed"),
    numFailedTests: count("failed"),
    numPendingTests: count("pending"),
    testResults: tests,
  };
  mkdirSync(join(dir, ".reports"), { recursive: true });
  writeFileSync(join(dir, ".reports", file), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
