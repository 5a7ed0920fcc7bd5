import type { ChatMessage, ChatRequest, Tool } from "@parley/core";

/** A document as the simulator sees it: an id (generated `doc:N` when absent) and its fields. */
export interface FactDocument {
  id: string;
  fields: Record<string, unknown>;
}

/** A tool result the reply should use: the call it answers and what the tool returned. */
export interface FactToolResult {
  toolCallId: string;
  toolName: string;
  /** One entry per returned part: a document's fields, or `{ content }` for plain text. */
  outputs: Array<Record<string, unknown>>;
}

/** What the simulator reads from a request, once, in plain strings. */
export interface RequestFacts {
  system: string;
  /** The last user turn: what the reply answers. */
  prompt: string;
  /** The user turn before it, if any: lets a multi-turn reply refer back. */
  previousPrompt: string | undefined;
  documents: FactDocument[];
  tools: Tool[];
  /** Tool messages after the last assistant turn: the reply answers with them instead of calling tools. */
  toolResults: FactToolResult[];
}

/** The concatenated text of any message content (a string or an array of parts). */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: { type?: unknown; text?: unknown }) =>
      part?.type === "text" && typeof part.text === "string" ? part.text : "",
    )
    .join("");
}

export function requestFacts(request: ChatRequest): RequestFacts {
  const messages = request.messages;
  const userTexts = messages.filter((m) => m.role === "user").map((m) => contentText(m.content));
  return {
    system: messages
      .filter((m) => m.role === "system")
      .map((m) => contentText(m.content))
      .join("\n"),
    prompt: userTexts.at(-1) ?? "",
    previousPrompt: userTexts.at(-2),
    documents: (request.documents ?? []).map((document, index) =>
      typeof document === "string"
        ? { id: `doc:${index}`, fields: { text: document } }
        : {
            id: document.id ?? `doc:${index}`,
            fields: typeof document.data === "string" ? { text: document.data } : { ...document.data },
          },
    ),
    tools: request.tools ?? [],
    toolResults: trailingToolResults(messages),
  };
}

function trailingToolResults(messages: ChatMessage[]): FactToolResult[] {
  const results: FactToolResult[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role !== "tool") break;
    const call = findCall(messages.slice(0, i), message.tool_call_id);
    results.unshift({
      toolCallId: message.tool_call_id,
      toolName: call ?? "tool",
      outputs: toolOutputs(message.content),
    });
  }
  return results;
}

function findCall(messages: ChatMessage[], id: string): string | undefined {
  for (const message of messages) {
    if (message.role !== "assistant") continue;
    const call = message.tool_calls?.find((c) => c.id === id);
    if (call) return call.function.name;
  }
  return undefined;
}

function toolOutputs(content: unknown): Array<Record<string, unknown>> {
  if (typeof content === "string") return [{ content }];
  if (!Array.isArray(content)) return [];
  return content.map((part: { type?: string; text?: string; document?: { data?: unknown } }) => {
    if (part.type === "document") {
      const data = part.document?.data;
      return typeof data === "object" && data !== null ? { ...(data as object) } : { content: String(data) };
    }
    return { content: part.text ?? "" };
  });
}
