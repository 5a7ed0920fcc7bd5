import { describe, expect, it } from "vitest";
import type { CaseResult, Severity, SuiteReport } from "../suite/types";
import { formatSummary } from "./formatTerminal";
import { runVerdict } from "./runVerdict";

function result(id: string, status: CaseResult["status"], severity: Severity = "required"): CaseResult {
  return { id, title: id, capabilities: ["chat"], status, severity, durationMs: 1, checks: [] };
}

function report(cases: CaseResult[], clients: SuiteReport["clients"] = undefined): SuiteReport {
  return {
    suiteVersion: "1",
    mode: "simulated",
    target: "t",
    model: "m",
    startedAt: "2026-01-01T00:00:00.000Z",
    durationMs: 1,
    cases,
    summary: { passed: 0, failed: 0, skipped: 0, requiredFailed: 0, recommendedFailed: 0 },
    ...(clients ? { clients } : {}),
  };
}

describe("runVerdict", () => {
  it("counts a case failing recommended checks only as passed, with a warning", () => {
    const run = report([result("a", "passed"), result("b", "failed", "recommended"), result("c", "skipped")]);
    expect(runVerdict(run)).toEqual({ passed: 2, failed: 0, skipped: 1, warnings: 1 });
    expect(formatSummary(run)).toBe(
      "1 skipped\nwarnings: 1 case fails recommended checks (see above)\n2 passed, 0 failed",
    );
  });

  it("counts a case a client failed once, however many clients failed it and whatever the suite said", () => {
    const failing = (id: string) => ({ ...result(id, "failed"), checks: [] });
    const run = report(
      [result("a", "passed"), result("b", "failed", "recommended"), result("c", "failed")],
      [
        { name: "x", cases: [failing("a"), failing("c")], summary: { passed: 0, failed: 2, skipped: 0 } },
        { name: "y", cases: [failing("a"), failing("b")], summary: { passed: 0, failed: 2, skipped: 0 } },
      ],
    );
    expect(runVerdict(run)).toEqual({ passed: 0, failed: 3, skipped: 0, warnings: 0 });
    expect(formatSummary(run)).toBe("0 passed, 3 failed");
  });
});
