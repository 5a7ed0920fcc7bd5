import type {
  AssistantMessageResponse,
  ChatResponse,
  Citation,
  FinishReason,
  StreamEvent,
  TextContent,
  ThinkingContent,
  ToolCall,
  Usage,
} from "./types";

/**
 * A reply being assembled from stream events. Immutable: `accumulate` returns a new draft and keeps the
 * identity of every part it did not touch, so UIs can skip re-rendering unchanged blocks.
 */
export interface ReplyDraft {
  readonly id?: string;
  readonly message: Readonly<AssistantMessageResponse>;
  readonly finish_reason?: FinishReason;
  readonly usage?: Usage;
  readonly error?: string;
  /** `message-start` has arrived. */
  readonly started: boolean;
  /** `message-end` has arrived: the reply is complete. */
  readonly ended: boolean;
}

const EMPTY: ReplyDraft = { message: { role: "assistant" }, started: false, ended: false };

/** The draft before any event. */
export function createReplyDraft(): ReplyDraft {
  return EMPTY;
}

/**
 * The one reducer: draft + event -> draft. Pure. Events it does not know, that change nothing, or that cannot be
 * placed (a delta for a block that never started) return the same draft: judging a stream is the grammar's job
 * (`grammar.ts`), and `ChatStream` raises `StreamError` on exactly those events before they get here.
 */
export function accumulate(draft: ReplyDraft, event: StreamEvent): ReplyDraft {
  switch (event.type) {
    case "message-start":
      if (draft.started) return draft;
      return event.id === undefined ? { ...draft, started: true } : { ...draft, id: event.id, started: true };

    case "content-start": {
      const content = draft.message.content ?? [];
      const part = event.delta?.message?.content;
      if (event.index !== content.length || (part?.type !== "text" && part?.type !== "thinking")) {
        return draft;
      }
      const block: TextContent | ThinkingContent =
        part.type === "text"
          ? { type: "text", text: part.text ?? "" }
          : { type: "thinking", thinking: part.thinking ?? "" };
      return withMessage(draft, { content: [...content, block] });
    }

    case "content-delta": {
      const content = draft.message.content;
      const block = content?.[event.index];
      const delta = event.delta?.message?.content;
      if (!block || typeof event.index !== "number") return draft;
      // The fragment goes to its block, whichever field carries it: the block's type was set by content-start.
      const fragment = delta?.text ?? delta?.thinking ?? "";
      const next: TextContent | ThinkingContent =
        block.type === "text"
          ? { type: "text", text: block.text + fragment }
          : { type: "thinking", thinking: block.thinking + fragment };
      const copy = content.slice();
      copy[event.index] = next;
      return withMessage(draft, { content: copy });
    }

    case "tool-plan-delta": {
      const fragment = event.delta?.message?.tool_plan ?? "";
      if (!fragment) return draft;
      return withMessage(draft, { tool_plan: (draft.message.tool_plan ?? "") + fragment });
    }

    case "tool-call-start": {
      const calls = draft.message.tool_calls ?? [];
      const call = event.delta?.message?.tool_calls;
      if (event.index !== calls.length || !call || typeof call.function?.name !== "string") {
        return draft;
      }
      const started: ToolCall = {
        ...call,
        type: call.type ?? "function",
        function: { ...call.function, arguments: call.function.arguments ?? "" },
      };
      return withMessage(draft, { tool_calls: [...calls, started] });
    }

    case "tool-call-delta": {
      const calls = draft.message.tool_calls;
      const call = calls?.[event.index];
      if (!call || typeof event.index !== "number") return draft;
      const fragment = event.delta?.message?.tool_calls?.function?.arguments ?? "";
      if (!fragment) return draft;
      return withToolCall(draft, calls, event.index, call.function.arguments + fragment);
    }

    case "tool-call-end": {
      // A call with no arguments streams no delta and ends with `""`; the non-streamed reply says "{}".
      const calls = draft.message.tool_calls;
      const call = calls?.[event.index];
      if (!calls || !call || call.function.arguments !== "") return draft;
      return withToolCall(draft, calls, event.index, "{}");
    }

    case "citation-start": {
      const citation = event.delta?.message?.citations;
      if (!citation || typeof citation !== "object") return draft;
      return withMessage(draft, { citations: [...(draft.message.citations ?? []), citation as Citation] });
    }

    case "message-end": {
      const delta = event.delta ?? {};
      const next: { -readonly [K in keyof ReplyDraft]: ReplyDraft[K] } = { ...draft, ended: true };
      if (delta.finish_reason !== undefined) next.finish_reason = delta.finish_reason;
      if (delta.usage !== undefined) next.usage = delta.usage;
      if (delta.error !== undefined) next.error = delta.error;
      return next;
    }

    default:
      // content-end, citation-end, debug and event types this version does not know change nothing.
      return draft;
  }
}

function withMessage(draft: ReplyDraft, patch: Partial<AssistantMessageResponse>): ReplyDraft {
  return { ...draft, message: { ...draft.message, ...patch } };
}

function withToolCall(draft: ReplyDraft, calls: ToolCall[], index: number, args: string): ReplyDraft {
  const call = calls[index]!;
  const copy = calls.slice();
  copy[index] = { ...call, function: { ...call.function, arguments: args } };
  return withMessage(draft, { tool_calls: copy });
}

/**
 * The draft as the reply `chat()` would return. Empty fields are left out, as the non-streamed reply leaves
 * them out; `finish_reason` is absent only when `message-end` never came.
 */
export function toChatResponse(draft: ReplyDraft): ChatResponse {
  const source = draft.message;
  const message: AssistantMessageResponse = { role: "assistant" };
  if (source.content?.length) message.content = source.content;
  if (source.tool_plan) message.tool_plan = source.tool_plan;
  if (source.tool_calls?.length) message.tool_calls = source.tool_calls;
  if (source.citations?.length) message.citations = source.citations;
  const response = { id: draft.id ?? "", message } as ChatResponse;
  if (draft.finish_reason !== undefined) response.finish_reason = draft.finish_reason;
  if (draft.usage !== undefined) response.usage = draft.usage;
  if (draft.error !== undefined) response.error = draft.error;
  return response;
}
