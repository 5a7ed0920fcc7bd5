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
  // The API also accepts one part given without an array.
  const parts: unknown[] = Array.isArray(content) ? content : [content];
  let text = "";
  for (const part of parts) {
    const { type, text: value } = (part ?? {}) as { type?: unknown; text?: unknown };
    if (type === "text" && typeof value === "string") text += value;
  }
  return text;
}
