import type { CaseResult, CheckResult, SuiteReport } from "../suite/types";
import { describeFailingCheck, failingChecks } from "./failingChecks";
import { caseStatus, describeCheck, describeDiff, formatClientLines, formatSummary } from "./formatTerminal";
import { runVerdict } from "./runVerdict";

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.15rem;margin:2rem 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}dt{color:#666}dd{margin:0}
code{font:13px/1.4 ui-monospace,monospace}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #e5e5e5;vertical-align:top}
td.num{text-align:right;white-space:nowrap}.passed{color:#0a7a32}.failed{color:#b3261e}.skipped,.warning{color:#777}
.verdict{padding:.75rem 1rem;border-radius:.5rem;margin:1rem 0;font-weight:600}
.verdict.pass{background:#e8f5ec}.verdict.fail{background:#fdecea}.verdict.warn{background:#fff6e0}
.check{margin:.4rem 0}.diff{color:#555;margin-left:1.25rem}pre{white-space:pre-wrap;margin:0}
`;

/**
 * One self-contained HTML page (inline style, no script, no external asset) that a provider's owner can open and
 * share: the verdict, the target, failing checks across cases, every case with its failures, and the clients.
 */
export function formatHtml(report: SuiteReport): string {
  const { failed, warnings } = runVerdict(report);
  const verdict = failed > 0 ? "fail" : warnings > 0 ? "warn" : "pass";
  const verdictText = {
    pass: "Conformant: every check passed",
    warn: "Conformant, with recommendations",
    fail: "Not conformant: a required check or an SDK failed",
  }[verdict];
  const checks = failingChecks(report);
  const body = [
    `<h1>parley-conformance suite ${html(report.suiteVersion)}</h1>`,
    "<dl>",
    row("target", `<code>${html(report.target)}</code>`),
    row("model", `<code>${html(report.model)}</code>`),
    row("mode", html(report.mode)),
    row("started", html(report.startedAt)),
    ...(report.notes ?? []).map((note) => row("note", html(note))),
    "</dl>",
    `<div class="verdict ${verdict}">${verdictText}<br><pre>${html(formatSummary(report))}</pre></div>`,
    ...(checks.length > 0
      ? [
          "<h2>Failing checks</h2><ul>",
          ...checks.map((entry) => `<li><code>${html(describeFailingCheck(entry, 12))}</code></li>`),
          "</ul>",
        ]
      : []),
    "<h2>Cases</h2>",
    caseTable(report.cases),
    ...(report.clients ?? []).flatMap((client) => [
      `<h2>Client ${html(client.name)}${client.version ? ` ${html(client.version)}` : ""}</h2>`,
      caseTable(client.cases),
    ]),
    ...(report.clients?.length
      ? [
          "<h2>Clients</h2><ul>",
          ...formatClientLines(report).map((line) => `<li>${html(line)}</li>`),
          "</ul>",
        ]
      : []),
  ];
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>parley-conformance: ${html(report.target)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    ...body,
    "</body></html>",
    "",
  ].join("\n");
}

function row(term: string, value: string): string {
  return `<dt>${term}</dt><dd>${value}</dd>`;
}

function caseTable(cases: readonly CaseResult[]): string {
  const rows = cases.map((c) => {
    const failures = c.checks.filter((k) => k.status === "fail").map(describe);
    return `<tr><td><code>${html(c.id)}</code><br>${html(c.title)}${failures.join("")}</td><td class="${caseStatus(c)}">${caseStatus(c)}${c.skipReason ? `<br><small>${html(c.skipReason)}</small>` : ""}</td><td>${c.status === "failed" ? c.severity : ""}</td><td class="num">${c.status === "skipped" ? "" : `${c.durationMs} ms`}</td><td class="num">${c.ttftMs === undefined ? "" : `${c.ttftMs} ms`}</td></tr>`;
  });
  return `<table><thead><tr><th>Case</th><th>Status</th><th>Severity</th><th>Duration</th><th>TTFT</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
}

function describe(check: CheckResult): string {
  const diffs = (check.diffs ?? []).map((d) => `<div class="diff">${html(describeDiff(d))}</div>`);
  return `<div class="check failed">${html(describeCheck(check))}${diffs.join("")}</div>`;
}

function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
