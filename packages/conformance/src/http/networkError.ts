/**
 * Why a request got no answer, in words. `fetch failed` says nothing; its cause does (ECONNREFUSED, ENOTFOUND, a
 * bad port). The one description of network errors: the suite, `run`, `record` and the recording proxy use it.
 */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  if (cause?.code) return `${error.message} (${cause.code}${cause.message ? `: ${cause.message}` : ""})`;
  return cause?.message ? `${error.message} (${cause.message})` : error.message;
}
