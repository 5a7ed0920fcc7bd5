import type { CaseResult } from "@parley/conformance";
import { Fragment } from "react";
import { CheckFailure } from "./CheckFailure";

/** One row per case; a failed case opens onto its failed checks, each with its diff. */
export function ConformanceTable({ results }: { results: readonly CaseResult[] }) {
  return (
    <div className="table-wrap">
      <table className="suite-table" aria-label="Conformance report">
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Result</th>
            <th scope="col" className="num">
              Checks
            </th>
            <th scope="col" className="num">
              First token
            </th>
            <th scope="col" className="num">
              Time
            </th>
          </tr>
        </thead>
        <tbody>
          {results.map((result) => {
            const failures = result.checks.filter((check) => check.status === "fail");
            const passed = result.checks.filter((check) => check.status === "pass").length;
            return (
              <Fragment key={result.id}>
                <tr data-status={result.status}>
                  <th scope="row">
                    <span className="case-title">{result.title}</span>
                    <code className="case-id">{result.id}</code>
                  </th>
                  <td>
                    <span className={`badge ${result.status}`}>{result.status}</span>
                    {result.status === "failed" && <span className="muted"> {result.severity}</span>}
                    {result.skipReason && <span className="muted"> {result.skipReason}</span>}
                  </td>
                  <td className="num">
                    {passed}/{result.checks.length}
                  </td>
                  <td className="num">{result.ttftMs === undefined ? "–" : `${result.ttftMs} ms`}</td>
                  <td className="num">{result.durationMs} ms</td>
                </tr>
                {failures.length > 0 && (
                  <tr className="failures">
                    <td colSpan={5}>
                      {failures.map((check) => (
                        <CheckFailure key={`${check.id}-${check.mode ?? ""}`} check={check} />
                      ))}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
