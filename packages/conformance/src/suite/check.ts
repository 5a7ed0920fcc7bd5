import type { CheckResult, Mode, Severity } from "./types";

/** Builds check results tersely: `check("stream.grammar", "required", mode).fail("…", { eventIndex })`. */
export function check(id: string, severity: Severity, mode?: CheckResult["mode"]) {
  const base = (status: CheckResult["status"]): CheckResult =>
    mode === undefined ? { id, severity, status } : { id, mode, severity, status };
  return {
    pass: (message?: string): CheckResult => (message ? { ...base("pass"), message } : base("pass")),
    skip: (message: string): CheckResult => ({ ...base("skip"), message }),
    fail: (message: string, extra: Pick<CheckResult, "eventIndex" | "diffs"> = {}): CheckResult => ({
      ...base("fail"),
      message,
      ...extra,
    }),
  };
}

export type { Mode };
