import { createSseDecoder, DONE, parseStreamEvent } from "@parley/core/protocol";

/** One stream event as the browser received it. */
export interface TracedEvent {
  /** Milliseconds since the request was sent. */
  at: number;
  type: string;
  /** 1 for an event that carries a generated token (a text, thinking, plan or argument delta), else 0. */
  tokens: number;
}

/** The timeline of one streamed reply, from request to end. */
export interface StreamTrace {
  /** Milliseconds since the request was sent at which the response headers arrived. */
  respondedAt?: number;
  events: readonly TracedEvent[];
  state: "waiting" | "streaming" | "ended" | "aborted" | "failed";
  /** Output tokens as the server counted them in `message-end`'s usage. */
  outputTokens?: number;
}

export interface StreamRecorder {
  /** Pass this to the client: it is the inner fetch, watching every event stream that comes back. */
  fetch: typeof fetch;
  subscribe(listener: () => void): () => void;
  /** The trace of the latest stream; a new object whenever it changes, as `useSyncExternalStore` needs. */
  getSnapshot(): StreamTrace | undefined;
}

const TOKEN_EVENTS = new Set(["content-delta", "tool-plan-delta", "tool-call-delta"]);

/**
 * Records when each event of the latest event stream arrives, by watching the response body as the
 * client reads it: the client still gets every byte, unchanged, and cancelling still reaches the network.
 */
export function createStreamRecorder(
  inner: typeof fetch = (input, init) => globalThis.fetch(input, init),
  now: () => number = () => performance.now(),
): StreamRecorder {
  const listeners = new Set<() => void>();
  let current: StreamTrace | undefined;
  let generation = 0;

  const recordingFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const startedAt = now();
    const mine = ++generation;
    // Only the latest request may write: a late chunk of an older stream must not land in the new trace.
    const update = (change: (trace: StreamTrace) => StreamTrace) => {
      if (mine !== generation || !current) return;
      current = change(current);
      for (const listener of listeners) listener();
    };
    const response = await inner(input, init);
    if (!response.body || !response.headers.get("content-type")?.includes("text/event-stream"))
      return response;

    current = { events: [], state: "waiting" };
    update((trace) => ({ ...trace, respondedAt: now() - startedAt }));
    const decoder = createSseDecoder((message) => {
      let event: ReturnType<typeof parseStreamEvent>;
      try {
        event = parseStreamEvent(message);
      } catch {
        return; // The client reports malformed events; the chart just leaves them out.
      }
      if (event === DONE) return;
      const traced = {
        at: now() - startedAt,
        type: event.type,
        tokens: TOKEN_EVENTS.has(event.type) ? 1 : 0,
      };
      update((trace) => ({
        ...trace,
        events: [...trace.events, traced],
        state: event.type === "message-end" ? "ended" : "streaming",
        ...(event.type === "message-end" ? { outputTokens: event.delta?.usage?.tokens?.output_tokens } : {}),
      }));
    });
    const finish = (state: StreamTrace["state"]) =>
      update((trace) =>
        trace.state === "waiting" || trace.state === "streaming" ? { ...trace, state } : trace,
      );

    const reader = response.body.getReader();
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          // A read that was in flight when the client cancelled still resolves; it no longer counts.
          if (cancelled) return;
          if (done) {
            decoder.end();
            finish("failed"); // A body that ends without message-end was cut off.
            controller.close();
            return;
          }
          decoder.push(value);
          controller.enqueue(value);
        } catch (error) {
          finish(error instanceof Error && error.name === "AbortError" ? "aborted" : "failed");
          controller.error(error);
        }
      },
      cancel(reason) {
        cancelled = true;
        finish("aborted");
        return reader.cancel(reason);
      },
    });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  return {
    fetch: recordingFetch as typeof fetch,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => current,
  };
}
