import { type CaseResult, runSuite, type SuiteReport } from "@parley/conformance";
import { useRef, useState } from "react";
import { defaultSettings } from "../lib/chatSettings";
import { suiteTarget } from "../lib/suiteTarget";
import { useProvider } from "../lib/useProvider";
import { ConformanceTable } from "./ConformanceTable";
import { LiveRegion } from "./LiveRegion";
import { SuiteSummary } from "./SuiteSummary";

type Run =
  | { state: "idle" }
  | { state: "running"; done: CaseResult[]; total: number; current?: string }
  | { state: "finished"; report: SuiteReport }
  | { state: "crashed"; error: Error };

/** Runs the conformance suite in this browser against the provider the chat talks to, and shows its report. */
export function ConformancePage() {
  const provider = useProvider();
  const [model, setModel] = useState(defaultSettings.model);
  const [run, setRun] = useState<Run>({ state: "idle" });
  const generation = useRef(0);

  const start = async () => {
    const mine = ++generation.current;
    setRun({ state: "running", done: [], total: 0 });
    try {
      const report = await runSuite({
        target: suiteTarget(model, provider),
        mode: provider === "simulated" ? "simulated" : "live",
        onProgress: (event) => {
          if (mine !== generation.current) return;
          setRun((previous) => {
            const done = previous.state === "running" ? previous.done : [];
            return event.type === "case-start"
              ? { state: "running", done, total: event.total, current: event.id }
              : { state: "running", done: [...done, event.result], total: event.total };
          });
        },
      });
      if (mine === generation.current) setRun({ state: "finished", report });
    } catch (error) {
      if (mine === generation.current) setRun({ state: "crashed", error: error as Error });
    }
  };

  const results = run.state === "running" ? run.done : run.state === "finished" ? run.report.cases : [];
  return (
    <div className="conformance-page">
      <header className="page-head">
        <div>
          <h1>Conformance</h1>
          <p className="muted">
            The Parley conformance suite, run in this browser against{" "}
            {provider === "cohere"
              ? "Cohere, through the demo server"
              : "the demo server's simulated provider"}{" "}
            at <code>{location.origin}/v2/chat</code>. Each case checks the HTTP exchange, the stream grammar
            and the reply, in both plain and streaming mode.
          </p>
        </div>
        <form
          className="suite-controls"
          onSubmit={(event) => {
            event.preventDefault();
            start();
          }}
        >
          <label className="field">
            <span>Model</span>
            <input value={model} onChange={(event) => setModel(event.target.value)} spellCheck={false} />
          </label>
          <button type="submit" disabled={run.state === "running" || !model.trim()}>
            {run.state === "running" ? "Running…" : run.state === "idle" ? "Run suite" : "Run again"}
          </button>
        </form>
      </header>
      {run.state === "running" && (
        <div className="suite-progress">
          <progress max={run.total || 1} value={run.done.length} aria-label="Suite progress" />
          <span className="muted">
            {run.done.length} of {run.total || "…"} cases{run.current ? ` · ${run.current}` : ""}
          </span>
        </div>
      )}
      {run.state === "finished" && <SuiteSummary report={run.report} />}
      {run.state === "crashed" && (
        <div className="error-notice" role="alert">
          <div>
            <strong>The suite could not run</strong>
            <span>{run.error.message}</span>
          </div>
        </div>
      )}
      {results.length > 0 && <ConformanceTable results={results} />}
      <LiveRegion text={runAnnouncement(run)} />
    </div>
  );
}

/** Said once per change of the run's state, not per case: the progress bar shows the count. */
function runAnnouncement(run: Run): string {
  switch (run.state) {
    case "idle":
      return "";
    case "running":
      return "Running the conformance suite.";
    case "crashed":
      return "The suite could not run.";
    case "finished": {
      const { passed, failed, requiredFailed } = run.report.summary;
      const verdict = requiredFailed > 0 ? "Not conformant" : "Conformant";
      return `Suite finished. ${verdict}: ${passed} passed, ${failed} failed.`;
    }
  }
}
