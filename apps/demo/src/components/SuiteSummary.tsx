import type { SuiteReport } from "@parley/conformance";

/** The verdict first: conformant or not, then the counts. */
export function SuiteSummary({ report }: { report: SuiteReport }) {
  const { passed, failed, skipped, requiredFailed } = report.summary;
  const verdict = requiredFailed > 0 ? "fail" : failed > 0 ? "warn" : "pass";
  return (
    <section className={`suite-summary ${verdict}`} aria-label="Suite summary" data-verdict={verdict}>
      <strong>
        {verdict === "pass"
          ? "Conformant: every check passed"
          : verdict === "warn"
            ? "Conformant, with recommendations"
            : `Not conformant: ${requiredFailed} required ${requiredFailed === 1 ? "case fails" : "cases fail"}`}
      </strong>
      <span>
        {passed} passed · {failed} failed · {skipped} skipped · {(report.durationMs / 1000).toFixed(1)} s ·
        suite {report.suiteVersion} · {report.model}
      </span>
    </section>
  );
}
