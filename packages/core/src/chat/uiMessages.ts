import type { ReplyDraft } from "../accumulate";
import { ValidationError } from "../errors";
import type { AssistantMessageResponse, ToolCall, UserContent } from "../types";
import type {
  AssistantUIMessage,
  FinishReasonKind,
  MessageInput,
  SendInput,
  UIMessage,
  UserUIMessage,
} from "./types";

const EMPTY_CONTENT: AssistantUIMessage["content"] = [];

/** The empty list every snapshot shares where it has none (queued turns, pending tool calls, messages after reset). */
export const NONE: readonly never[] = /* @__PURE__ */ Object.freeze([]);

/** Ids unique within a page and unlikely to collide across sessions (a restored transcript keeps its own). */
export function createIdGenerator(): () => string {
  const prefix = Math.random().toString(36).slice(2, 10);
  let counter = 0;
  return () => `msg_${prefix}${(counter++).toString(36)}`;
}

/** A UI message from a UI or wire message; `path` names it in errors, e.g. `messages[2]`. */
export function toUIMessage(input: MessageInput, generateId: () => string, path: string): UIMessage {
  if (typeof input !== "object" || input === null)
    throw new ValidationError(path, "must be a message object");
  const id = input.id ?? generateId();
  if (typeof id !== "string" || id === "")
    throw new ValidationError(`${path}.id`, "must be a non-empty string");
  switch (input.role) {
    case "user":
    case "system":
      checkContent(input.content, `${path}.content`);
      return { ...input, id } as UIMessage;
    case "tool":
      if (typeof input.tool_call_id !== "string" || input.tool_call_id === "") {
        throw new ValidationError(`${path}.tool_call_id`, "must be a non-empty string");
      }
      checkContent(input.content, `${path}.content`);
      return { ...input, id };
    case "assistant": {
      const content = input.content;
      if (content !== undefined) checkContent(content, `${path}.content`);
      const message: AssistantUIMessage = {
        ...input,
        id,
        content: typeof content === "string" ? [{ type: "text", text: content }] : (content ?? EMPTY_CONTENT),
        status: input.status ?? "complete",
      };
      return message;
    }
    default:
      throw new ValidationError(`${path}.role`, 'must be "user", "assistant", "system" or "tool"');
  }
}

function checkContent(content: unknown, path: string): void {
  if (typeof content !== "string" && !Array.isArray(content)) {
    throw new ValidationError(path, "must be a string or an array of content parts");
  }
}

/** The reply as a UI message: the draft's parts as they are, so unchanged parts keep their identity. */
export function toReplyMessage(
  id: string,
  draft: ReplyDraft,
  status: AssistantUIMessage["status"],
): AssistantUIMessage {
  const { content, tool_plan, tool_calls, citations } = draft.message;
  const reply: { -readonly [K in keyof AssistantUIMessage]: AssistantUIMessage[K] } = {
    id,
    role: "assistant",
    content: content ?? EMPTY_CONTENT,
    status,
  };
  if (tool_plan) reply.tool_plan = tool_plan;
  if (tool_calls?.length) reply.tool_calls = tool_calls;
  if (citations?.length) reply.citations = citations;
  if (draft.id !== undefined) reply.response_id = draft.id;
  if (draft.finish_reason !== undefined) reply.finish_reason = draft.finish_reason;
  if (draft.usage !== undefined) reply.usage = draft.usage;
  return reply;
}

/** The same reply with a final status, or the reply itself when nothing changes. */
export function withStatus(reply: AssistantUIMessage, status: FinishReasonKind): AssistantUIMessage {
  return reply.status === status ? reply : { ...reply, status };
}

/** Whether a reply (or a draft's message) has anything to show yet (`message-start` and empty block starts do not). */
export function hasVisibleContent(
  reply: Pick<AssistantMessageResponse, "content" | "tool_plan" | "tool_calls">,
): boolean {
  return (
    !!reply.tool_plan ||
    !!reply.tool_calls?.length ||
    !!reply.content?.some((part) => (part.type === "text" ? part.text !== "" : part.thinking !== ""))
  );
}

/** The last assistant message of the transcript. */
export function lastReply(messages: readonly UIMessage[]): AssistantUIMessage | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === "assistant") return message;
  }
  return undefined;
}

/** The user turn `send()` adds; `input` is checked, with errors naming `send()`. */
export function toUserMessage(input: string | SendInput, id: string): UserUIMessage {
  if (typeof input === "string") {
    checkUserContent(input, "send(): text");
    return { id, role: "user", content: input };
  }
  if (typeof input !== "object" || input === null) {
    throw new ValidationError("send()", "input must be text or { content, documents? }");
  }
  checkUserContent(input.content, "send(): content");
  if (input.documents === undefined) return { id, role: "user", content: input.content };
  if (!Array.isArray(input.documents)) throw new ValidationError("send(): documents", "must be an array");
  return { id, role: "user", content: input.content, documents: input.documents };
}

export function checkUserContent(content: UserContent, path: string): void {
  if (typeof content === "string") {
    if (content === "") throw new ValidationError(path, "must not be empty");
  } else if (!Array.isArray(content) || content.length === 0) {
    throw new ValidationError(
      path,
      "must be a non-empty string or a non-empty array of text and image_url parts",
    );
  }
}

/**
 * Tool calls of the transcript's last reply that no tool message answers yet. Only a reply that completed can wait:
 * a stopped or failed one will never be continued, and its calls are not sent again.
 */
export function unansweredToolCalls(messages: readonly UIMessage[]): ToolCall[] {
  let index = messages.length - 1;
  while (index >= 0 && messages[index]?.role === "tool") index--;
  const reply = messages[index];
  if (reply?.role !== "assistant" || reply.status !== "complete" || !reply.tool_calls) return [];
  const answered = new Set<string>();
  for (let i = index + 1; i < messages.length; i++) {
    const message = messages[i];
    if (message?.role === "tool") answered.add(message.tool_call_id);
  }
  return reply.tool_calls.filter((call) => !answered.has(call.id));
}
