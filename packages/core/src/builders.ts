import type {
  AssistantContent,
  AssistantMessage,
  DocumentContent,
  SystemContent,
  SystemMessage,
  ToolMessage,
  UserContent,
  UserMessage,
} from "./types";

/** `{ role: "system", content }`. */
export function systemMessage(content: SystemContent): SystemMessage {
  return { role: "system", content };
}

/** `{ role: "user", content }`. */
export function userMessage(content: UserContent): UserMessage {
  return { role: "user", content };
}

/** `{ role: "assistant", content }`, for replaying an earlier reply's text. */
export function assistantMessage(content: AssistantContent): AssistantMessage {
  return { role: "assistant", content };
}

/**
 * The answer to a tool call. A string is sent as it is (an empty one as a document `{ output: "" }`, since the
 * API refuses empty content); any other value (an object, or an array of objects, one per result) becomes
 * `document` parts, which the model can cite.
 */
export function toolResult(toolCallId: string, output: unknown): ToolMessage {
  // The API refuses empty content; an empty output still has to answer its call, so it goes as a document.
  if (output === "") output = { output: "" };
  if (typeof output === "string") return { role: "tool", tool_call_id: toolCallId, content: output };
  const results = Array.isArray(output) ? output : [output];
  if (results.length === 0) return { role: "tool", tool_call_id: toolCallId, content: "[]" };
  const content = results.map(
    (data): DocumentContent => ({ type: "document", document: { data: toDocumentData(data) } }),
  );
  return { role: "tool", tool_call_id: toolCallId, content };
}

/** Document data is an object; a bare value is wrapped as `{ value }` so nothing is lost. */
function toDocumentData(data: unknown): Record<string, unknown> | string {
  if (typeof data === "string") return data;
  return typeof data === "object" && data !== null && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : { value: data };
}
