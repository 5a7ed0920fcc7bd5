import type { ProgressEvent } from "../suite/runSuite";
import type { CaseResult, CheckResult, SuiteReport, ValueDiff } from "../suite/types";
import { describeFailingCheck, failingChecks } from "./failingChecks";
import { fails, isWarning, runVerdict } from "./runVerdict";

/**
 * The end of every run: `N skipped` and `warnings: …` on their own lines when there are any, then the last line,
 * exactly `N passed, N failed`, whose `failed` is what makes the CLI exit 1 (one rule, in runVerdict.ts). Progress
 * lines never take that form (they start with `[`), so a script can always read the result from the last line
 * with `^\d+ passed, \d+ failed$`.
 */
export function formatSummary(report: SuiteReport): string {
  const { passed, failed, skipped, warnings } = runVerdict(report);
  const lines: string[] = [];
  if (skipped > 0) lines.push(`${skipped} skipped`);
  if (warnings > 0) {
    lines.push(
      `warnings: ${warnings} ${warnings === 1 ? "case fails" : "cases fail"} recommended checks (see above)`,
    );
  }
  lines.push(`${passed} passed, ${failed} failed`);
  return lines.join("\n");
}

/** A case's status as reports show it: a case failing recommended checks only is a `warning`. */
export function caseStatus(c: CaseResult): string {
  return isWarning(c) ? "warning" : c.status;
}

/**
 * One line per `--clients` SDK: `cohere-ai 8.1.0: 20 passed, 0 failed` (never the summary line's form), then one
 * per known limitation of the SDK the run hit (not counted).
 */
export function formatClientLines(report: SuiteReport): string[] {
  return (report.clients ?? []).flatMap((client) => {
    const { passed, failed, skipped } = client.summary;
    const name = `${client.name}${client.version ? ` ${client.version}` : ""}`;
    return [
      `client ${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`,
      ...(client.knownLimitations ?? []).map(
        (known) => `  known limitation of ${name}, not counted: ${known}`,
      ),
    ];
  });
}

/** One progress line per finished case: `[ 3/17] pass chat.basic (12 ms)` (`warn` for recommended failures only). */
export function formatProgress(event: ProgressEvent): string | undefined {
  if (event.type !== "case-end") return undefined;
  const width = String(event.total).length;
  const { result } = event;
  const status = isWarning(result)
    ? "warn"
    : { passed: "pass", failed: "FAIL", skipped: "skip" }[result.status];
  return `[${String(event.index + 1).padStart(width)}/${event.total}] ${status} ${result.id}${result.status === "skipped" ? "" : ` (${result.durationMs} ms)`}`;
}

/** The header, the table of cases, every failure with its diffs, and the summary as the last line. */
export function formatTerminal(report: SuiteReport): string {
  const lines = [...formatHeader(report), ""];
  const rows = report.cases.map((c) => [
    c.id,
    c.capabilities.join(","),
    caseStatus(c),
    c.severity,
    c.status === "skipped" ? "" : `${c.durationMs} ms`,
    c.ttftMs === undefined ? "" : `${c.ttftMs} ms`,
  ]);
  lines.push(...table(["CASE", "CAPABILITY", "STATUS", "SEVERITY", "DURATION", "TTFT"], rows));
  for (const [title, test] of [
    ["Failures:", fails],
    ["Warnings:", isWarning],
  ] as const) {
    const cases = report.cases.filter(test);
    if (cases.length > 0) lines.push("", title, ...cases.flatMap((c) => formatFailure(c)));
  }
  const clientFailures = (report.clients ?? []).flatMap((client) =>
    client.cases.filter((c) => c.status === "failed").flatMap((c) => formatFailure(c, `${client.name} `)),
  );
  if (clientFailures.length > 0) lines.push("", "Client failures:", ...clientFailures);
  const skipped = report.cases.filter((c) => c.status === "skipped");
  if (skipped.length > 0) {
    lines.push("", "Skipped:");
    for (const c of skipped) lines.push(`  ${c.id}: ${c.skipReason}`);
  }
  const checks = failingChecks(report);
  if (checks.length > 0) {
    lines.push("", "Failing checks:");
    for (const entry of checks) lines.push(`  ${describeFailingCheck(entry)}`);
  }
  const clients = formatClientLines(report);
  if (clients.length > 0) lines.push("", ...clients);
  lines.push("", formatSummary(report));
  return lines.join("\n");
}

export function formatHeader(report: SuiteReport): string[] {
  return [
    `parley-conformance suite ${report.suiteVersion}`,
    `target: ${report.target}`,
    `model:  ${report.model}`,
    `mode:   ${report.mode}`,
    ...(report.notes ?? []).map((note) => `note:   ${note}`),
  ];
}

/** `  chat.basic [stream] stream.grammar (required) at event 3: content-open: …` plus one line per diff. */
export function formatFailure(result: CaseResult, prefix = ""): string[] {
  const lines = [`  ${prefix}${result.id}`];
  for (const check of result.checks.filter((c) => c.status === "fail")) {
    lines.push(`    ${describeCheck(check)}`);
    for (const diff of check.diffs ?? []) lines.push(`      ${describeDiff(diff)}`);
  }
  return lines;
}

/** `$.finish_reason (event 7): expected "COMPLETE", received "complete"`, long values clipped. */
export function describeDiff(diff: ValueDiff): string {
  const where = diff.eventIndex === undefined ? "" : ` (event ${diff.eventIndex})`;
  return `${diff.path}${where}: expected ${show(diff.expected)}, received ${show(diff.received)}`;
}

export function describeCheck(check: CheckResult): string {
  const mode = check.mode ? `[${check.mode}] ` : "";
  const at = check.eventIndex === undefined ? "" : ` at event ${check.eventIndex}`;
  return `${mode}${check.id} (${check.severity})${at}: ${check.message ?? ""}`;
}

function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}
