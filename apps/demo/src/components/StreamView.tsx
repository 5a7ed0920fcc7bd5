import { useSyncExternalStore } from "react";
import { streamRecorder } from "../lib/demoClient";
import { streamMetrics } from "../lib/streamMetrics";
import { useFoldOnNarrow } from "../lib/useFoldOnNarrow";
import { StreamChart } from "./StreamChart";

const STATE_TEXT = {
  waiting: "waiting",
  streaming: "streaming",
  ended: "complete",
  aborted: "stopped",
  failed: "cut off",
} as const;

/** The last reply's stream over time: how long the first token took, and the pace after it. */
export function StreamView() {
  const trace = useSyncExternalStore(streamRecorder.subscribe, streamRecorder.getSnapshot);
  const metrics = trace && streamMetrics(trace);
  const fold = useFoldOnNarrow();
  return (
    <details className="panel stream-view" {...fold}>
      <summary>Stream of the last reply</summary>
      {!trace || !metrics ? (
        <p className="muted">Send a message to see its events arrive over time.</p>
      ) : (
        <>
          <dl className="stats">
            <div>
              <dt>First token</dt>
              <dd>
                {metrics.timeToFirstTokenMs === undefined
                  ? "–"
                  : `${Math.round(metrics.timeToFirstTokenMs)} ms`}
              </dd>
            </div>
            <div>
              <dt>Tokens/s</dt>
              <dd>{metrics.tokensPerSecond === undefined ? "–" : metrics.tokensPerSecond.toFixed(1)}</dd>
            </div>
            <div>
              <dt>Tokens</dt>
              <dd>{metrics.tokens}</dd>
            </div>
            <div>
              <dt>Total</dt>
              <dd>{(metrics.durationMs / 1000).toFixed(2)} s</dd>
            </div>
          </dl>
          <StreamChart trace={trace} metrics={metrics} />
          <p className="muted stream-state">
            {trace.events.length} events · {STATE_TEXT[trace.state]}
          </p>
        </>
      )}
    </details>
  );
}
