import type { CaseResult, SuiteReport } from "../suite/types";

/**
 * What a run comes to, by the one rule behind both the last line (`N passed, N failed`) and the CLI's exit code:
 * a case fails when a required check fails in it or a `--clients` SDK fails it (the run then exits 1); a case
 * whose failures are all recommended passes, with a warning.
 */
export interface RunVerdict {
  /** Judged cases that did not fail, warnings included. */
  passed: number;
  /** Cases with a required check failing, or that a `--clients` SDK failed. */
  failed: number;
  skipped: number;
  /** Passed cases that fail recommended (or info) checks. */
  warnings: number;
}

/** A case that failed recommended (or info) checks only: it counts as passed, with a warning. */
export const isWarning = (c: CaseResult): boolean => c.status === "failed" && c.severity !== "required";

/** A case with a required check failing: it fails the run. */
export const fails = (c: CaseResult): boolean => c.status === "failed" && c.severity === "required";

export function runVerdict(report: SuiteReport): RunVerdict {
  // An SDK runs the suite's cases (its case ids are the suite's), so its failures fail those cases.
  const byClients = new Set(report.clients?.flatMap((client) => client.cases.filter(fails).map((c) => c.id)));
  const verdict = { passed: 0, failed: 0, skipped: 0, warnings: 0 };
  for (const c of report.cases) {
    const key = fails(c) || byClients.has(c.id) ? "failed" : c.status === "skipped" ? "skipped" : "passed";
    verdict[key]++;
    if (key === "passed" && isWarning(c)) verdict.warnings++;
  }
  return verdict;
}
