import type { AssistantMessageResponse, ChatMessage } from "./types";

/** Anything with wire-shaped `content`, such as the chat store's messages. */
export interface MessageLike {
  content?: unknown;
}

/**
 * The text of a message: its string content, or its `text` parts joined in order. Thinking, images, documents
 * and tool calls are not text; a missing message or content gives `""`.
 */
export function messageText(
  message: ChatMessage | AssistantMessageResponse | MessageLike | null | undefined,
): string {
  const content = message?.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return partText(content);
  let text = "";
  for (const part of content) text += partText(part);
  return text;
}

/** A single part (the API also accepts one part given without an array). */
function partText(part: unknown): string {
  const { type, text } = (part ?? {}) as { type?: unknown; text?: unknown };
  return type === "text" && typeof text === "string" ? text : "";
}
