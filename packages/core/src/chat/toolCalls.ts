import { callTool } from "../callTool";
import type { ToolCall, ToolContent } from "../types";
import type { ChatContext, Run } from "./context";
import type { Publish } from "./publisher";
import type { ToolUIMessage } from "./types";

/** Runs one tool call of the reply with its `execute`; a failure becomes the result the model sees. */
export function runTool(ctx: ChatContext, r: Run, call: ToolCall): Promise<ToolContent> {
  const context = { toolCall: call, signal: r.controller.signal, messages: ctx.state.messages };
  return callTool(ctx.options.tools?.[call.function.name], call, context);
}

/** Appends tool messages for the calls not answered yet; a second answer to the same call is dropped. */
export function appendToolResults(
  ctx: ChatContext,
  results: Array<[toolCallId: string, content: ToolContent]>,
  mode: Publish,
): void {
  const { messages } = ctx.state;
  const answered = new Set(messages.flatMap((m) => (m.role === "tool" ? [m.tool_call_id] : [])));
  const added: ToolUIMessage[] = [];
  for (const [toolCallId, content] of results) {
    if (answered.has(toolCallId)) continue;
    answered.add(toolCallId);
    added.push({ id: ctx.nextId(), role: "tool", tool_call_id: toolCallId, content });
  }
  if (added.length > 0) ctx.update({ messages: [...messages, ...added] }, mode);
}
