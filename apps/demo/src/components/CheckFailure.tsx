import type { CheckResult } from "@parley/conformance";

/** A failed check: what it expected, in its own words, and where the received value differs. */
export function CheckFailure({ check }: { check: CheckResult }) {
  return (
    <div className="check-failure">
      <p>
        <code>{check.id}</code>
        {check.mode && <span className="muted"> · {check.mode}</span>}
        <span className={`badge ${check.severity}`}>{check.severity}</span>
        {check.eventIndex !== undefined && <span className="muted"> · at event {check.eventIndex}</span>}
      </p>
      {check.message && <p>{check.message}</p>}
      {check.diffs && check.diffs.length > 0 && (
        <table className="diff" aria-label={`Diff for ${check.id}`}>
          <thead>
            <tr>
              <th scope="col">Path</th>
              <th scope="col">Expected</th>
              <th scope="col">Received</th>
            </tr>
          </thead>
          <tbody>
            {check.diffs.map((diff) => (
              <tr key={`${diff.path}-${diff.eventIndex ?? ""}`}>
                <td>
                  <code>{diff.path}</code>
                  {diff.eventIndex !== undefined && <span className="muted"> event {diff.eventIndex}</span>}
                </td>
                <td className="expected">
                  <code>{show(diff.expected)}</code>
                </td>
                <td className="received">
                  <code>{show(diff.received)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function show(value: unknown): string {
  return value === undefined ? "(missing)" : JSON.stringify(value);
}
