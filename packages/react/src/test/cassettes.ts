import { type Cassette, createReplayFetch, type Interaction } from "@parley/conformance";
import { type ChatMessage, ClientV2, type StreamEvent } from "@parley/core";

/** Streamed replies as cassette interactions, played by the conformance kit's replay `fetch`. */

export const MODEL = "command-a";

export function textEvents(tokens: string[]): StreamEvent[] {
  return [
    { type: "message-start", id: "r1", delta: { message: { role: "assistant" } } },
    { type: "content-start", index: 0, delta: { message: { content: { type: "text", text: "" } } } },
    ...tokens.map(
      (text): StreamEvent => ({ type: "content-delta", index: 0, delta: { message: { content: { text } } } }),
    ),
    { type: "content-end", index: 0 },
    {
      type: "message-end",
      delta: { finish_reason: "COMPLETE", usage: { tokens: { output_tokens: tokens.length } } },
    },
  ];
}

export function toolCallEvents(id: string, name: string, args: string): StreamEvent[] {
  return [
    { type: "message-start", id: "r-tools", delta: { message: { role: "assistant" } } },
    { type: "tool-plan-delta", delta: { message: { tool_plan: "Let me check." } } },
    {
      type: "tool-call-start",
      index: 0,
      delta: { message: { tool_calls: { id, type: "function", function: { name, arguments: "" } } } },
    },
    {
      type: "tool-call-delta",
      index: 0,
      delta: { message: { tool_calls: { function: { arguments: args } } } },
    },
    { type: "tool-call-end", index: 0 },
    { type: "message-end", delta: { finish_reason: "TOOL_CALL" } },
  ];
}

/**
 * The reply to `messages`: one network read per event, `everyMs` apart (with the replay's recorded pacing),
 * ending with `[DONE]` unless `cut` drops the connection first.
 */
export function streamed(
  messages: ChatMessage[],
  events: StreamEvent[],
  options: { everyMs?: number; cut?: boolean; tools?: unknown[] } = {},
): Interaction {
  const chunks = events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  if (!options.cut) chunks.push("data: [DONE]\n\n");
  const every = options.everyMs ?? 1;
  return {
    request: { method: "POST", path: "/v2/chat", body: body(messages, options.tools) },
    response: {
      status: 200,
      headers: { "content-type": "text/event-stream" },
      chunks,
      pacing: chunks.map((_, i) => (i + 1) * every),
    },
  };
}

export function failed(messages: ChatMessage[], status: number, message: string): Interaction {
  return {
    request: { method: "POST", path: "/v2/chat", body: body(messages) },
    response: { status, headers: { "content-type": "application/json" }, body: { message } },
  };
}

function body(messages: ChatMessage[], tools?: unknown[]) {
  return JSON.parse(JSON.stringify({ model: MODEL, messages, stream: true, ...(tools && { tools }) }));
}

export interface Replay {
  client: ClientV2;
  /** Every request's abort signal, in order. */
  signals: AbortSignal[];
}

/**
 * A client on the replay `fetch`. A cassette answers the same request again each time it is asked, so a test that
 * needs a request to fail once and then succeed passes the interactions in `sequence` instead.
 */
export function replayClient(interactions: Interaction[], options: { delayMs?: number } = {}): Replay {
  const replay = createReplayFetch({ interactions } satisfies Cassette, { pacing: "recorded" });
  const signals: AbortSignal[] = [];
  const client = new ClientV2({
    apiKey: "",
    maxRetries: 0,
    fetch: async (url, init) => {
      signals.push(init.signal);
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      return replay(url, init);
    },
  });
  return { client, signals };
}

/** A client whose n-th request is answered by the n-th cassette. */
export function sequenceClient(interactions: Interaction[]): Replay {
  const signals: AbortSignal[] = [];
  const client = new ClientV2({
    apiKey: "",
    maxRetries: 0,
    fetch: (url, init) => {
      const interaction = interactions[signals.length];
      signals.push(init.signal);
      if (!interaction) throw new Error(`unexpected request #${signals.length}`);
      return createReplayFetch({ interactions: [interaction] }, { pacing: "recorded" })(url, init);
    },
  });
  return { client, signals };
}

export const user = (content: string): ChatMessage => ({ role: "user", content });
export const assistant = (text: string): ChatMessage => ({
  role: "assistant",
  content: [{ type: "text", text }],
});
