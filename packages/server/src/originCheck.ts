/**
 * Checks a request's `Origin`: it passes when absent (server to server, curl), when it is the request's own origin,
 * or when listed. Origins are compared by scheme, host and port. Anything else, including `null` (sandboxed frames,
 * `file:` pages) and a value that is not an origin at all, is refused. Returns the refusal's message, or undefined.
 */
export function createOriginCheck(
  allowedOrigins: readonly string[] = [],
): (request: Request) => string | undefined {
  const allowed = new Set(
    allowedOrigins.map((entry, index) => {
      const origin = parseOrigin(entry);
      if (origin === undefined)
        throw new TypeError(
          `createChatHandler: allowedOrigins[${index}] must be an http(s) origin such as "https://app.example.com", not ${JSON.stringify(entry)}`,
        );
      return origin;
    }),
  );
  return (request) => {
    const header = request.headers.get("origin");
    if (header === null) return undefined;
    const origin = parseOrigin(header);
    if (origin === undefined || origin !== header.toLowerCase())
      return `the Origin header is not an origin: ${quote(header)}`;
    if (origin === parseOrigin(request.url) || allowed.has(origin)) return undefined;
    return `this endpoint answers only its own pages and allowed origins, not ${origin}`;
  };
}

/** `scheme://host[:port]` with the default port dropped, for http(s) URLs; undefined for anything else. */
function parseOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.origin : undefined;
}

/** A header value as it may safely appear in a message: JSON-quoted and cut short. */
export function quote(value: string, max = 100): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}
