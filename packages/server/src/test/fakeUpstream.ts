import type { UpstreamFetch } from "../chatHandlerOptions";

/** One request as the fake upstream received it. */
export interface UpstreamCall {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal;
}

/**
 * A `fetch` standing in for Cohere: it records every request it receives (URL, headers, parsed body, signal) and
 * answers with `answer(call)`.
 */
export function fakeUpstream(
  answer: (call: UpstreamCall) => Response | Promise<Response> = () => chatReply(),
) {
  const calls: UpstreamCall[] = [];
  const fetch: UpstreamFetch = async (url, init) => {
    const request = new Request(url, init);
    const text = await request.text();
    const call: UpstreamCall = {
      url,
      headers: Object.fromEntries(request.headers),
      body: text ? JSON.parse(text) : undefined,
      signal: init.signal ?? request.signal,
    };
    calls.push(call);
    return answer(call);
  };
  return { calls, fetch };
}

/** A non-streamed reply saying `text`. */
export function chatReply(text = "Hello!", headers: Record<string, string> = {}): Response {
  return Response.json(
    {
      id: "reply-1",
      finish_reason: "COMPLETE",
      message: { role: "assistant", content: [{ type: "text", text }] },
    },
    { headers: { "x-debug-trace-id": "trace-1", ...headers } },
  );
}

/** One server-sent event, framed as Cohere frames it. */
export function frame(event: { type: string } & Record<string, unknown>): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The frames of a whole streamed reply saying `pieces`, one content-delta each. */
export function replyFrames(pieces: readonly string[]): string[] {
  return [
    frame({ type: "message-start", id: "reply-1", delta: { message: { role: "assistant" } } }),
    frame({ type: "content-start", index: 0, delta: { message: { content: { type: "text", text: "" } } } }),
    ...pieces.map((text) =>
      frame({ type: "content-delta", index: 0, delta: { message: { content: { text } } } }),
    ),
    frame({ type: "content-end", index: 0 }),
    frame({
      type: "message-end",
      delta: {
        finish_reason: "COMPLETE",
        usage: { tokens: { input_tokens: 3, output_tokens: pieces.length } },
      },
    }),
  ];
}

/** A stream the test drives: `push` sends a chunk, `end` closes; `cancelled` resolves when the reader gives up. */
export function controlledStream() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let onCancel!: () => void;
  const cancelled = new Promise<void>((resolve) => (onCancel = resolve));
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      onCancel();
    },
  });
  return {
    body,
    cancelled,
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

/** An SSE answer whose body is `body`. */
export function eventStream(body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) {
  return new Response(body, { headers: { "content-type": "text/event-stream", ...headers } });
}

/** A browser's chat request to the handler at `https://app.example/api/v2/chat`. */
export function chatRequest(
  body: unknown = { model: "command-a-03-2025", messages: [{ role: "user", content: "Hi" }] },
  init: { headers?: Record<string, string>; method?: string; signal?: AbortSignal } = {},
): Request {
  const method = init.method ?? "POST";
  return new Request("https://app.example/api/v2/chat", {
    method,
    headers: { "content-type": "application/json", ...init.headers },
    body:
      method === "GET" || method === "HEAD" ? null : typeof body === "string" ? body : JSON.stringify(body),
    ...(init.signal ? { signal: init.signal } : {}),
  });
}

/** Resolves when `signal` aborts, or rejects after `ms`. */
export function abortedWithin(signal: AbortSignal, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(() => reject(new Error(`not aborted within ${ms} ms`)), ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
