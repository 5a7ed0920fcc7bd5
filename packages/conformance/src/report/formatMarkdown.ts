import type { SuiteReport } from "../suite/types";
import { describeCheck, formatSummary } from "./formatTerminal";

/** A Markdown report for a pull request or an issue: header, table, failures, and the summary last. */
export function formatMarkdown(report: SuiteReport): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [
    `# parley-conformance suite ${report.suiteVersion}`,
    "",
    `- target: \`${report.target}\``,
    `- model: \`${report.model}\``,
    `- mode: ${report.mode}`,
    `- started: ${report.startedAt}`,
    "",
    "| case | capability | status | severity | duration | TTFT |",
    "| --- | --- | --- | --- | ---: | ---: |",
    ...report.cases.map(
      (c) =>
        `| ${cell(c.id)} | ${c.capabilities.join(", ")} | ${c.status} | ${c.severity} | ${c.status === "skipped" ? "" : `${c.durationMs} ms`} | ${c.ttftMs === undefined ? "" : `${c.ttftMs} ms`} |`,
    ),
  ];
  const failures = report.cases.filter((c) => c.status === "failed");
  if (failures.length > 0) {
    lines.push("", "## Failures");
    for (const c of failures) {
      lines.push("", `### ${c.id}`, "");
      for (const k of c.checks.filter((k) => k.status === "fail")) {
        lines.push(`- ${cell(describeCheck(k))}`);
        for (const d of k.diffs ?? []) {
          lines.push(
            `  - \`${d.path}\`${d.eventIndex === undefined ? "" : ` (event ${d.eventIndex})`}: expected \`${JSON.stringify(d.expected)}\`, received \`${JSON.stringify(d.received)}\``,
          );
        }
      }
    }
  }
  lines.push("", formatSummary(report), "");
  return lines.join("\n");
}
