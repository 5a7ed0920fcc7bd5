import { errorResponse } from "../http/errorResponse";
import type { FetchLike } from "../http/fetchLike";
import { describeNetworkError } from "../http/networkError";

/** Request headers that belong to the hop to us, not to the upstream request. */
const HOP_HEADERS = [
  "host",
  "connection",
  "content-length",
  "keep-alive",
  "transfer-encoding",
  "accept-encoding",
];

/**
 * A handler that sends each request it gets on to `upstream` (a base URL; its path prefixes the request's), with
 * the client's headers (credentials included) and body. An upstream that cannot be reached gets a 502 that names
 * it and says why; nothing else is invented.
 */
export function forwardTo(upstream: string, fetch: FetchLike = globalThis.fetch): FetchLike {
  const base = new URL(upstream);
  return async (input) => {
    const request = input as Request;
    const incoming = new URL(request.url);
    const target = new URL(base.pathname.replace(/\/$/, "") + incoming.pathname + incoming.search, base);
    const headers = new Headers(request.headers);
    for (const name of HOP_HEADERS) headers.delete(name);
    const body =
      request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    try {
      return await fetch(target, { method: request.method, headers, body, signal: request.signal });
    } catch (error) {
      if (request.signal.aborted) throw error;
      return errorResponse(502, `The upstream ${base.origin} is unreachable: ${describeNetworkError(error)}`);
    }
  };
}
