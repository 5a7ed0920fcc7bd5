import type { CaseResult, SuiteReport } from "../suite/types";
import { describeFailingCheck, failingChecks } from "./failingChecks";
import { caseStatus, describeCheck, describeDiff, formatClientLines, formatSummary } from "./formatTerminal";
import { fails, isWarning } from "./runVerdict";

/** A Markdown report for a pull request or an issue: header, table, failures, clients, and the summary last. */
export function formatMarkdown(report: SuiteReport): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [
    `# parley-conformance suite ${report.suiteVersion}`,
    "",
    `- target: \`${report.target}\``,
    `- model: \`${report.model}\``,
    `- mode: ${report.mode}`,
    `- started: ${report.startedAt}`,
    ...(report.notes ?? []).map((note) => `- note: ${note}`),
    "",
    "| case | capability | status | severity | duration | TTFT |",
    "| --- | --- | --- | --- | ---: | ---: |",
    ...report.cases.map(
      (c) =>
        `| ${cell(c.id)} | ${c.capabilities.join(", ")} | ${caseStatus(c)} | ${c.severity} | ${c.status === "skipped" ? "" : `${c.durationMs} ms`} | ${c.ttftMs === undefined ? "" : `${c.ttftMs} ms`} |`,
    ),
  ];
  const failures = (title: string, cases: readonly CaseResult[]) => {
    const failed = cases.filter((c) => c.status === "failed");
    if (failed.length === 0) return;
    lines.push("", title);
    for (const c of failed) {
      lines.push("", `### ${c.id}`, "");
      for (const k of c.checks.filter((k) => k.status === "fail")) {
        lines.push(`- ${cell(describeCheck(k))}`);
        for (const d of k.diffs ?? []) lines.push(`  - \`${describeDiff(d)}\``);
      }
    }
  };
  failures("## Failures", report.cases.filter(fails));
  failures("## Warnings", report.cases.filter(isWarning));
  const checks = failingChecks(report);
  if (checks.length > 0) {
    lines.push(
      "",
      "## Failing checks",
      "",
      ...checks.map((entry) => `- ${cell(describeFailingCheck(entry))}`),
    );
  }
  for (const client of report.clients ?? []) failures(`## Client ${client.name} failures`, client.cases);
  const clients = formatClientLines(report);
  if (clients.length > 0) lines.push("", "## Clients", "", ...clients.map((line) => `- ${line}`));
  lines.push("", formatSummary(report), "");
  return lines.join("\n");
}
