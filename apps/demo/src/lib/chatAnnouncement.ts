import type { AssistantUIMessage, ChatStatus, UIMessage } from "@parley/core";

/** How the end of a reply reads when the finish reason is worth saying (a plain `COMPLETE` is not). */
const ENDINGS: Record<string, string> = {
  MAX_TOKENS: "it reached the token limit",
  STOP_SEQUENCE: "it reached a stop sequence",
  TOOL_CALL: "it called a tool",
  TIMEOUT: "it timed out",
};

/**
 * What the polite live region says for the chat's status: one short sentence per change, so a screen reader hears
 * that a reply started and how it ended without every streamed token being read out. Empty before anything
 * happened (nothing is announced on page load).
 */
export function chatAnnouncement(status: ChatStatus, messages: readonly UIMessage[]): string {
  const lastReply = findLastReply(messages);
  switch (status) {
    case "submitted":
      return "Message sent. Waiting for the reply.";
    case "streaming":
      return "The assistant is replying.";
    case "error":
      return "The reply failed.";
    case "ready":
      if (!lastReply) return "";
      switch (lastReply.status) {
        case "stopped":
          return "Reply stopped. The text so far is kept.";
        case "disconnected":
          return "The reply was cut off.";
        case "error":
          return "The reply failed.";
        case "streaming":
          // A tool without `execute` awaits its result; nothing else leaves a reply streaming while ready.
          return "The reply waits for a tool result.";
        default: {
          const ending = lastReply.finish_reason && ENDINGS[lastReply.finish_reason];
          return ending ? `Reply complete: ${ending}.` : "Reply complete.";
        }
      }
  }
}

function findLastReply(messages: readonly UIMessage[]): AssistantUIMessage | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === "assistant") return message;
  }
  return undefined;
}
