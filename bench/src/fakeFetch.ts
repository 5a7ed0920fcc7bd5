/**
 * In-process stand-ins for the network. They answer `POST .../v2/chat` only, so a client that builds the
 * wrong URL fails loudly instead of being timed on an error path.
 */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const SSE_HEADERS = {
  "content-type": "text/event-stream",
  "x-debug-trace-id": "0f0e0d0c0b0a09080706050403020100",
};
const JSON_HEADERS = {
  "content-type": "application/json",
  "x-debug-trace-id": "0f0e0d0c0b0a09080706050403020100",
};

function checkRequest(input: string | URL | Request): void {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  if (!url.endsWith("/v2/chat")) throw new Error(`fake fetch: unexpected request to ${url}`);
}

/** Serves the chunks one network read each, as fast as the client pulls them. */
export function streamingFetch(chunks: readonly Uint8Array[]): Fetch {
  return async (input) => {
    checkRequest(input);
    let next = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (next < chunks.length) controller.enqueue(chunks[next++]!);
          else controller.close();
        },
      },
      // No read-ahead: a chunk exists only once the client asks for it, as with a socket.
      { highWaterMark: 0 },
    );
    return new Response(body, { status: 200, headers: SSE_HEADERS });
  };
}

/** Answers every call with the same JSON body (a fresh Response each time, as the network would). */
export function jsonFetch(json: string): Fetch {
  return async (input) => {
    checkRequest(input);
    return new Response(json, { status: 200, headers: JSON_HEADERS });
  };
}

/**
 * Serves one chunk per read, each after `delayMs` of real time: a model emitting tokens. `onRead` sees each
 * read's index and the time it was handed over, for time-to-first-render figures.
 */
export function pacedFetch(
  chunks: readonly Uint8Array[],
  delayMs: number,
  onRead?: (index: number, at: number) => void,
): Fetch {
  return async (input) => {
    checkRequest(input);
    let next = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (next >= chunks.length) return controller.close();
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          onRead?.(next, performance.now());
          controller.enqueue(chunks[next++]!);
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { status: 200, headers: SSE_HEADERS });
  };
}
