import type { SuiteReport } from "../suite/types";
import { describeCheck } from "./formatTerminal";

/** JUnit XML, one `<testcase>` per case: failures carry their severity as the failure type. */
export function formatJunit(report: SuiteReport): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const cases = report.cases.map((c) => {
    const open = `    <testcase classname="parley-conformance.${xml(c.capabilities[0] ?? "suite")}" name="${xml(c.id)}" time="${seconds(c.durationMs)}">`;
    if (c.status === "skipped")
      return `${open}\n      <skipped message="${xml(c.skipReason ?? "")}"/>\n    </testcase>`;
    if (c.status === "passed") return `${open}</testcase>`;
    const failures = c.checks.filter((k) => k.status === "fail");
    const text = failures
      .map((k) =>
        [
          describeCheck(k),
          ...(k.diffs ?? []).map(
            (d) =>
              `  ${d.path}: expected ${JSON.stringify(d.expected)}, received ${JSON.stringify(d.received)}`,
          ),
        ].join("\n"),
      )
      .join("\n");
    return `${open}\n      <failure type="${c.severity}" message="${xml(failures[0]?.message ?? "")}">${xml(text)}</failure>\n    </testcase>`;
  });
  const { summary } = report;
  const total = report.cases.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="parley-conformance" tests="${total}" failures="${summary.failed}" skipped="${summary.skipped}" time="${seconds(report.durationMs)}">`,
    `  <testsuite name="${xml(`${report.mode} ${report.target} ${report.model}`)}" tests="${total}" failures="${summary.failed}" skipped="${summary.skipped}" time="${seconds(report.durationMs)}" timestamp="${report.startedAt}">`,
    `    <properties><property name="suiteVersion" value="${report.suiteVersion}"/></properties>`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

function xml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\p{Cc}/gu, (c) => (c === "\n" || c === "\t" || c === "\r" ? c : "")); // XML 1.0 forbids the others
}
