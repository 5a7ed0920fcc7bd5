/**
 * The shape of `fetch` this package produces and consumes: replay, faults, the recorder and the simulated
 * provider are all functions of this type, so they compose (`withFaults(createReplayFetch(...), faults)`) and plug
 * into any client that takes a `fetch` option.
 */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Placeholder origin for relative URLs (`"/v2/chat"`), which the platform's `Request` refuses. */
const RELATIVE_BASE = "http://replay.invalid";

/**
 * Normalizes fetch arguments into one `Request`, accepting relative URLs too. The body can be read once from the
 * returned request; the signal is the caller's.
 */
export function toRequest(input: string | URL | Request, init?: RequestInit): Request {
  if (typeof input === "string" && input.startsWith("/"))
    return new Request(new URL(input, RELATIVE_BASE), init);
  return new Request(input, init);
}
