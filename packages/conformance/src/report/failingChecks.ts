import type { SuiteReport } from "../suite/types";

/** One check that failed somewhere in the run: its id, weight, and every case it failed in. */
export interface FailingCheck {
  id: string;
  severity: string;
  cases: string[];
}

/**
 * The failed checks across cases, most widespread first, so one defect reads as one line ("stream.done failed
 * in 12 cases"), not as twelve failures.
 */
export function failingChecks(report: SuiteReport): FailingCheck[] {
  const byCheck = new Map<string, FailingCheck>();
  for (const result of report.cases) {
    for (const check of result.checks) {
      if (check.status !== "fail") continue;
      const key = `${check.id} ${check.severity}`;
      const entry = byCheck.get(key) ?? { id: check.id, severity: check.severity, cases: [] };
      if (!entry.cases.includes(result.id)) entry.cases.push(result.id);
      byCheck.set(key, entry);
    }
  }
  return [...byCheck.values()].sort((a, b) => b.cases.length - a.cases.length || a.id.localeCompare(b.id));
}

/** `stream.done (required) failed in 12 cases: chat.basic, chat.system, …`. */
export function describeFailingCheck(entry: FailingCheck, maxCases = 4): string {
  const shown = entry.cases.slice(0, maxCases).join(", ");
  const more = entry.cases.length > maxCases ? `, and ${entry.cases.length - maxCases} more` : "";
  const count = entry.cases.length === 1 ? "1 case" : `${entry.cases.length} cases`;
  return `${entry.id} (${entry.severity}) failed in ${count}: ${shown}${more}`;
}
