import type { FetchLike } from "../http/fetchLike";
import { SUITE_CASES, SUITE_VERSION } from "./cases";
import { type CaseOutcome, type CaseRunner, runChatCase, runErrorCase, runReplayCase } from "./runCase";
import type { Capability, CaseResult, Mode, Severity, SuiteCase, SuiteReport, SuiteTarget } from "./types";

/**
 * What `runSuite` runs and against what: the target, which cases and capabilities, whether `ClientV2` is
 * driven with every exchange too, and hooks for progress and timing.
 */
export interface RunSuiteOptions {
  target: SuiteTarget;
  /** @default "live" */
  mode?: SuiteReport["mode"] | undefined;
  /** @default SUITE_CASES (replay mode passes `casesFromCassettes(...)`) */
  cases?: readonly SuiteCase[] | undefined;
  /**
   * What the provider offers; a case needing anything else is skipped.
   * @default every capability
   */
  capabilities?: readonly Capability[] | undefined;
  /** Capabilities to skip, on top of `capabilities`. @default [] */
  skip?: readonly Capability[] | undefined;
  /**
   * Also drive `@parley/core`'s `ClientV2` with every exchange (client conformance).
   * @default true
   */
  client?: boolean | undefined;
  /** In replay mode, the replay `fetch` the client should talk to directly. */
  clientFetch?: FetchLike | undefined;
  /** Called as each case starts and ends, for progress output. */
  onProgress?: ((event: ProgressEvent) => void) | undefined;
  /** How long one request may take, in ms. @default 120000 */
  timeoutMs?: number | undefined;
  /** The clock durations are measured with. @default performance.now */
  now?: (() => number) | undefined;
  /** What the report names as the target (mask keys before passing it). @default target.baseUrl */
  targetLabel?: string | undefined;
}

/**
 * Told to `RunSuiteOptions.onProgress` as each case starts and ends (with its result), so a long live run can show
 * where it is; `index` counts from 0 up to `total`.
 */
export type ProgressEvent =
  | { type: "case-start"; index: number; total: number; id: string }
  | { type: "case-end"; index: number; total: number; result: CaseResult };

const WEIGHT: Record<Severity, number> = { required: 3, recommended: 2, info: 1 };

/** Runs the suite against one target, case by case (never in parallel: live providers rate-limit). */
export async function runSuite(options: RunSuiteOptions): Promise<SuiteReport> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const startedAt = new Date().toISOString();
  const runner: CaseRunner = {
    target: options.target,
    now,
    timeoutMs: options.timeoutMs ?? 120_000,
    client: options.client ?? true,
    ...(options.clientFetch ? { clientFetch: options.clientFetch } : {}),
  };
  const offered = new Set(options.capabilities ?? []);
  const skipped = new Set(options.skip ?? []);
  const lacks = (capability: Capability) =>
    skipped.has(capability) || (offered.size > 0 && !offered.has(capability));

  const cases = options.cases ?? SUITE_CASES;
  const results: CaseResult[] = [];
  for (const [index, testCase] of cases.entries()) {
    options.onProgress?.({ type: "case-start", index, total: cases.length, id: testCase.id });
    const result = await runOne(runner, testCase, lacks);
    results.push(result);
    options.onProgress?.({ type: "case-end", index, total: cases.length, result });
  }

  const count = (status: CaseResult["status"]) => results.filter((r) => r.status === status).length;
  return {
    suiteVersion: SUITE_VERSION,
    mode: options.mode ?? "live",
    target: options.targetLabel ?? options.target.baseUrl,
    model: options.target.model,
    startedAt,
    durationMs: Math.round(now() - started),
    cases: results,
    summary: {
      passed: count("passed"),
      failed: count("failed"),
      skipped: count("skipped"),
      requiredFailed: results.filter((r) => r.status === "failed" && r.severity === "required").length,
      recommendedFailed: results.filter((r) => r.status === "failed" && r.severity !== "required").length,
    },
  };
}

async function runOne(
  runner: CaseRunner,
  testCase: SuiteCase,
  lacks: (capability: Capability) => boolean,
): Promise<CaseResult> {
  const base = { id: testCase.id, title: testCase.title, capabilities: testCase.capabilities };
  const skip = (reason: string): CaseResult => ({
    ...base,
    status: "skipped",
    severity: testCase.severity,
    skipReason: reason,
    durationMs: 0,
    checks: [],
  });

  // `stream` alone does not skip a chat case that also runs without streaming: only its stream half goes.
  const missing = testCase.capabilities.filter(
    (c) => lacks(c) && !(c === "stream" && streamIsOptional(testCase)),
  );
  if (missing.length > 0) return skip(`the provider lacks ${missing.join(", ")}`);
  if (testCase.kind === "error" && testCase.auth === "wrong" && !runner.target.apiKey) {
    return skip("no API key given, so a wrong one cannot be told apart");
  }

  const started = runner.now();
  let outcome: CaseOutcome;
  if (testCase.kind === "chat") {
    const modes: Mode[] = (testCase.modes ?? ["plain", "stream"]).filter(
      (m) => m === "plain" || !lacks("stream"),
    );
    outcome = await runChatCase(runner, testCase, modes);
  } else if (testCase.kind === "error") outcome = await runErrorCase(runner, testCase);
  else outcome = await runReplayCase(runner, testCase);

  const failed = outcome.checks.filter((c) => c.status === "fail");
  const severity = failed.reduce<Severity | undefined>(
    (worst, c) => (worst === undefined || WEIGHT[c.severity] > WEIGHT[worst] ? c.severity : worst),
    undefined,
  );
  const result: CaseResult = {
    ...base,
    status: failed.length > 0 ? "failed" : "passed",
    severity: severity ?? testCase.severity,
    durationMs: Math.round(runner.now() - started),
    checks: outcome.checks,
  };
  if (outcome.ttftMs !== undefined) result.ttftMs = Math.round(outcome.ttftMs);
  return result;
}

function streamIsOptional(testCase: SuiteCase): boolean {
  return testCase.kind === "chat" && (testCase.modes ?? ["plain", "stream"]).includes("plain");
}
