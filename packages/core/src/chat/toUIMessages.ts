import type { ChatMessage } from "../types";
import type { UIMessage } from "./types";
import { createIdGenerator, toUIMessage } from "./uiMessages";

/**
 * Wire messages (a request's `messages`, a transcript saved by hand) as the chat store's UI messages: each gets an
 * id, an assistant turn's string content becomes a text part and its status `complete`. The way back is
 * `toWireMessages`. Throws `ValidationError` naming `messages[i]` for what is not a message.
 */
export function toUIMessages(
  messages: readonly ChatMessage[],
  generateId: () => string = createIdGenerator(),
): UIMessage[] {
  return messages.map((message, i) => toUIMessage(message, generateId, `messages[${i}]`));
}
