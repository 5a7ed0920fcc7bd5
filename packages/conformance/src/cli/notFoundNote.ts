import type { SuiteReport } from "../suite/types";

/** Below this share of 404s among the answers that should have been 200, the path is not what is wrong. */
const SHARE = 0.8;

/**
 * A live run where every (or nearly every) request that should have succeeded got 404 is almost always calling
 * the wrong URL: a provider behind a path prefix (a gateway at `/api/v2/chat`) given a `--base-url` without it.
 * Returns the note that says so, naming the URL called, or `undefined` when the 404s do not point there.
 */
export function notFoundNote(report: SuiteReport, chatUrl: string): string | undefined {
  const statuses = report.cases.flatMap((c) => c.checks).filter((k) => k.id === "http.status");
  const notFound = statuses.filter((k) => k.status === "fail" && k.diffs?.[0]?.received === 404);
  if (notFound.length === 0 || notFound.length < statuses.length * SHARE) return undefined;
  return (
    `${notFound.length} of ${statuses.length} requests that expected 200 got 404 from ${chatUrl}. ` +
    "The suite posts to <--base-url>/v2/chat: check the path prefix of --base-url (a provider at " +
    "https://host/api/v2/chat needs --base-url https://host/api), and that it serves --model."
  );
}
