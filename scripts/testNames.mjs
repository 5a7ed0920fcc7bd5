// The names of the failed and flaky tests in a JSON test report, for the end of the CI log.

/**
 * The names of a report's failed tests (and Playwright's flaky ones, which passed on a retry), so the end of the log
 * says what failed even when only its tail is kept. Reads vitest's shape, ours (`title`) and Playwright's.
 */
export function namesOf(report, root) {
  const failedNames = [];
  const flakyNames = [];
  for (const file of report.testResults ?? []) {
    if (file.status === "failed" && file.title) failedNames.push(file.title);
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === "failed");
    const where = file.name?.replace(root, "") ?? "";
    for (const test of failedTests) failedNames.push(`${where} > ${test.fullName}`);
    // A test file that failed to load has no failed test, only its own message.
    if (file.status === "failed" && !file.title && failedTests.length === 0) {
      failedNames.push(`${where}: ${String(file.message ?? "failed").split("\n")[0]}`);
    }
  }
  const walk = (suite, path) => {
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const name = [...path, spec.title].join(" > ");
        if (test.status === "unexpected") failedNames.push(name);
        else if (test.status === "flaky") flakyNames.push(name);
      }
    }
  };
  for (const suite of report.suites ?? []) walk(suite, [suite.title]);
  return { failedNames, flakyNames };
}
