import type { AssistantMessage, ChatMessage, ChatRequest, Document, Tool } from "../types";
import type { ChatOptions, UIMessage } from "./types";

const EMPTY_PARAMETERS = { type: "object", properties: {} };

/**
 * The request for the next reply, built from the options as they are now. Documents attached to user turns join
 * `params.documents` so later turns can still cite them.
 */
export function buildChatRequest(messages: readonly UIMessage[], options: ChatOptions): ChatRequest {
  const body = typeof options.body === "function" ? options.body() : options.body;
  const wire = toWireMessages(messages);
  if (options.system !== undefined) wire.unshift({ role: "system", content: options.system });
  const request: ChatRequest = { ...options.params, ...body, model: options.model, messages: wire };

  const documents: Array<string | Document> = [...(options.params?.documents ?? [])];
  for (const message of messages)
    if (message.role === "user" && message.documents) documents.push(...message.documents);
  if (documents.length > 0) request.documents = documents;

  const tools = Object.entries(options.tools ?? {});
  if (tools.length > 0) request.tools = tools.map(([name, tool]) => toWireTool(name, tool));
  return request;
}

function toWireTool(name: string, tool: NonNullable<ChatOptions["tools"]>[string]): Tool {
  const fn: Tool["function"] = { name, parameters: tool.parameters ?? EMPTY_PARAMETERS };
  if (tool.description !== undefined) fn.description = tool.description;
  return { type: "function", function: fn };
}

/**
 * UI messages as the wire wants them. Tool calls nobody answered (a stopped run, an abandoned wait) are left out, and
 * so is a reply left with nothing: the API refuses both. Citations stay home: the model does not need them back.
 */
export function toWireMessages(messages: readonly UIMessage[]): ChatMessage[] {
  const answered = new Set<string>();
  for (const message of messages) if (message.role === "tool") answered.add(message.tool_call_id);

  const wire: ChatMessage[] = [];
  for (const message of messages) {
    switch (message.role) {
      case "user":
      case "system":
        wire.push({ role: message.role, content: message.content } as ChatMessage);
        break;
      case "tool":
        wire.push({ role: "tool", tool_call_id: message.tool_call_id, content: message.content });
        break;
      case "assistant": {
        const content = message.content.filter((part) =>
          part.type === "text" ? part.text !== "" : part.thinking !== "",
        );
        const calls = message.tool_calls?.filter((call) => answered.has(call.id)) ?? [];
        if (content.length === 0 && calls.length === 0) break;
        const out: AssistantMessage = { role: "assistant" };
        if (content.length > 0) out.content = content;
        if (calls.length > 0) {
          out.tool_calls = calls;
          if (message.tool_plan) out.tool_plan = message.tool_plan;
        }
        wire.push(out);
        break;
      }
    }
  }
  return wire;
}
