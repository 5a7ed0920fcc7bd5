import type { Redactor } from "./redactor";

/** Headers worth passing back; the rest (cookies, hop-by-hop, encodings, the upstream's own) stay on the server. */
const RELAYED_HEADERS = ["content-type", "cache-control", "x-debug-trace-id", "retry-after"];

/** Statuses that may not carry a body. */
const NULL_BODY = new Set([204, 205, 304]);

/**
 * The browser's answer from the upstream's: its status, a few headers and its body, streamed chunk by chunk as it
 * arrives and read only as fast as the browser reads (a reader that stops holds nothing but the chunk in hand),
 * with the key redacted throughout. Cancelling the answer (the browser left) calls `abort`.
 */
export function relayResponse(
  upstream: Response,
  redactor: Redactor,
  abort: () => void,
  signal?: AbortSignal,
  /** Keep every header (redacted): for answers of your own `onRequest`, which may set cookies. */
  allHeaders = false,
): Response {
  const headers = new Headers({ "x-content-type-options": "nosniff" });
  if (allHeaders) {
    for (const [name, value] of upstream.headers)
      if (name !== "set-cookie") headers.set(name, redactor.text(value));
    for (const cookie of upstream.headers.getSetCookie()) headers.append("set-cookie", redactor.text(cookie));
  }
  for (const name of allHeaders ? [] : RELAYED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) headers.set(name, redactor.text(value));
  }
  const source = upstream.body;
  if (!source || NULL_BODY.has(upstream.status)) {
    source?.cancel().catch(() => {});
    return new Response(null, { status: upstream.status, headers });
  }
  const reader = source.getReader();
  // A browser that left releases the upstream body too, even from a fetch that ignores its signal.
  signal?.addEventListener("abort", () => reader.cancel().catch(() => {}), { once: true });
  const redaction = redactor.stream();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // Loop until something can be sent: a chunk that is all held-back tail sends nothing, and a pull that
        // enqueues nothing is not called again.
        for (;;) {
          let next: ReadableStreamReadResult<Uint8Array>;
          try {
            next = await reader.read();
          } catch {
            // No upstream error text goes on: it could hold anything, and the status is already sent.
            controller.error(new Error("the upstream body broke off"));
            abort();
            return;
          }
          if (next.done) {
            const tail = redaction.end();
            if (tail.byteLength > 0) controller.enqueue(tail);
            controller.close();
            return;
          }
          const chunk = redaction.push(next.value);
          if (chunk.byteLength > 0) {
            controller.enqueue(chunk);
            return;
          }
        }
      },
      cancel() {
        abort();
        reader.cancel().catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: upstream.status, headers });
}
