import { ClientV2, type FetchInit } from "../client";
import type { FinishReason, StreamEvent } from "../types";

/**
 * A hand-driven server for chat store tests: every request waits until the test answers it, and the streamed body
 * arrives one network read per `send`. The client in front of it is the real `ClientV2`.
 */
export interface PendingReply {
  /** The request's JSON body. */
  body: Record<string, unknown>;
  headers: Record<string, string>;
  signal: AbortSignal;
  /** Answers 200 with an event stream (the events follow with `send`). */
  open(): void;
  /** Sends each event as its own network read (opening the response first if needed). */
  send(...events: StreamEvent[]): void;
  /** Sends `data: [DONE]` and closes the body. */
  done(): void;
  /** Closes the body with no `[DONE]`, as a dropped connection does. */
  cut(): void;
  /** Answers with an HTTP error. */
  fail(status: number, message: string): void;
}

export interface ChatServer {
  client: ClientV2;
  requests: PendingReply[];
}

export function chatServer(): ChatServer {
  const requests: PendingReply[] = [];
  const encoder = new TextEncoder();
  const fetch = (_url: string, init: FetchInit): Promise<Response> =>
    new Promise((resolve, reject) => {
      let body!: ReadableStreamDefaultController<Uint8Array>;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          body = controller;
        },
      });
      let opened = false;
      const write = (text: string) => body.enqueue(encoder.encode(text));
      const reply: PendingReply = {
        body: JSON.parse(init.body) as Record<string, unknown>,
        headers: init.headers,
        signal: init.signal,
        open() {
          if (opened) return;
          opened = true;
          resolve(new Response(stream, { status: 200, headers: { "content-type": "text/event-stream" } }));
        },
        send(...events) {
          reply.open();
          for (const event of events) write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        },
        done() {
          reply.open();
          write("data: [DONE]\n\n");
          body.close();
        },
        cut() {
          reply.open();
          body.close();
        },
        fail(status, message) {
          resolve(
            new Response(JSON.stringify({ message }), {
              status,
              headers: { "content-type": "application/json" },
            }),
          );
        },
      };
      init.signal.addEventListener("abort", () => reject(init.signal.reason), { once: true });
      requests.push(reply);
    });
  return { client: new ClientV2({ apiKey: "test-key", fetch, maxRetries: 0 }), requests };
}

// Event builders: the shapes Cohere streams (see spec §6).

export const start = (id = "reply-1"): StreamEvent => ({
  type: "message-start",
  id,
  delta: { message: { role: "assistant", content: [], tool_plan: "", tool_calls: [], citations: [] } },
});
export const textStart = (index = 0): StreamEvent => ({
  type: "content-start",
  index,
  delta: { message: { content: { type: "text", text: "" } } },
});
export const thinkingStart = (index = 0): StreamEvent => ({
  type: "content-start",
  index,
  delta: { message: { content: { type: "thinking", thinking: "" } } },
});
export const text = (value: string, index = 0): StreamEvent => ({
  type: "content-delta",
  index,
  delta: { message: { content: { text: value } } },
});
export const thinking = (value: string, index = 0): StreamEvent => ({
  type: "content-delta",
  index,
  delta: { message: { content: { thinking: value } } },
});
export const contentEnd = (index = 0): StreamEvent => ({ type: "content-end", index });
export const plan = (value: string): StreamEvent => ({
  type: "tool-plan-delta",
  delta: { message: { tool_plan: value } },
});
export const callStart = (index: number, id: string, name: string): StreamEvent => ({
  type: "tool-call-start",
  index,
  delta: { message: { tool_calls: { id, type: "function", function: { name, arguments: "" } } } },
});
export const callArgs = (index: number, args: string): StreamEvent => ({
  type: "tool-call-delta",
  index,
  delta: { message: { tool_calls: { function: { arguments: args } } } },
});
export const callEnd = (index: number): StreamEvent => ({ type: "tool-call-end", index });
export const end = (finish_reason: FinishReason = "COMPLETE", error?: string): StreamEvent => ({
  type: "message-end",
  delta: {
    finish_reason,
    usage: {
      billed_units: { input_tokens: 3, output_tokens: 5 },
      tokens: { input_tokens: 10, output_tokens: 5 },
    },
    ...(error === undefined ? {} : { error }),
  },
});

/** A whole text reply: start, one block, the given tokens, end. */
export function textReply(tokens: string[], id = "reply-1"): StreamEvent[] {
  return [start(id), textStart(), ...tokens.map((token) => text(token)), contentEnd(), end()];
}

/** A whole tool-calling reply. */
export function toolCallReply(
  calls: Array<{ id: string; name: string; args: string }>,
  toolPlan = "I will use tools.",
): StreamEvent[] {
  return [
    start("reply-tools"),
    plan(toolPlan),
    ...calls.flatMap((call, index) => [
      callStart(index, call.id, call.name),
      callArgs(index, call.args),
      callEnd(index),
    ]),
    end("TOOL_CALL"),
  ];
}
