import type { CaseResult, SuiteReport } from "../suite/types";
import { formatFailure } from "./formatTerminal";
import { fails, isWarning } from "./runVerdict";

/**
 * JUnit XML, one `<testcase>` per case: failures carry their severity as the failure type. A case that fails
 * recommended checks only is no failure (the run exits 0 for it): it passes, its warnings in `<system-out>`. Each
 * `--clients` SDK gets a `<testsuite>` of its own, named after it.
 */
export function formatJunit(report: SuiteReport): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const suite = (name: string, cases: readonly CaseResult[], durationMs: number, prefix: string) => {
    const failed = cases.filter(fails).length;
    const skipped = cases.filter((c) => c.status === "skipped").length;
    return [
      `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failed}" skipped="${skipped}" time="${seconds(durationMs)}" timestamp="${report.startedAt}">`,
      `    <properties><property name="suiteVersion" value="${report.suiteVersion}"/></properties>`,
      ...cases.map((c) => testcase(c, prefix)),
      "  </testsuite>",
    ];
  };
  const testcase = (c: CaseResult, prefix: string) => {
    const open = `    <testcase classname="parley-conformance.${xml(prefix)}${xml(c.capabilities[0] ?? "suite")}" name="${xml(c.id)}" time="${seconds(c.durationMs)}">`;
    if (c.status === "skipped")
      return `${open}\n      <skipped message="${xml(c.skipReason ?? "")}"/>\n    </testcase>`;
    if (c.status === "passed") return `${open}</testcase>`;
    // The terminal's lines for the failure, without the case id the testcase already names.
    const text = formatFailure(c).slice(1).join("\n");
    if (isWarning(c))
      return `${open}\n      <system-out>${xml(`warning:\n${text}`)}</system-out>\n    </testcase>`;
    const first = c.checks.find((k) => k.status === "fail");
    return `${open}\n      <failure type="${c.severity}" message="${xml(first?.message ?? "")}">${xml(text)}</failure>\n    </testcase>`;
  };
  const clients = report.clients ?? [];
  const all = [...report.cases, ...clients.flatMap((client) => client.cases)];
  const failed = all.filter(fails).length;
  const skipped = all.filter((c) => c.status === "skipped").length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="parley-conformance" tests="${all.length}" failures="${failed}" skipped="${skipped}" time="${seconds(report.durationMs)}">`,
    ...suite(`${report.mode} ${report.target} ${report.model}`, report.cases, report.durationMs, ""),
    ...clients.flatMap((client) =>
      suite(
        `client ${client.name}${client.version ? ` ${client.version}` : ""}`,
        client.cases,
        client.cases.reduce((sum, c) => sum + c.durationMs, 0),
        `client.${client.name}.`,
      ),
    ),
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
