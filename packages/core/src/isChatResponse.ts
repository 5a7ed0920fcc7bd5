import type { ChatResponse } from "./types";

/**
 * The client's acceptance rule for a non-streamed reply: a JSON object with a `message` object and a string
 * `finish_reason`. Anything else from a 2xx is refused (`InvalidResponseError`), so tools that judge replies
 * (the conformance suite) share the rule instead of copying it.
 */
export function isChatResponse(value: unknown): value is ChatResponse {
  if (typeof value !== "object" || value === null) return false;
  const reply = value as { message?: unknown; finish_reason?: unknown };
  return (
    typeof reply.message === "object" && reply.message !== null && typeof reply.finish_reason === "string"
  );
}
