import { toolResult } from "../builders";
import type { ToolCall, ToolContent } from "../types";
import type { ChatContext, Run } from "./context";
import { asError } from "./guard";
import type { Publish } from "./publisher";
import type { ToolUIMessage } from "./types";

/** Runs one tool call of the reply with its `execute`; a failure becomes the result the model sees. */
export async function runTool(ctx: ChatContext, r: Run, call: ToolCall): Promise<ToolContent> {
  const tool = ctx.options.tools?.[call.function.name];
  let args: Record<string, unknown>;
  try {
    args = call.function.arguments ? JSON.parse(call.function.arguments) : {};
  } catch {
    return toolResult(call.id, { error: `The arguments are not valid JSON: ${call.function.arguments}` })
      .content;
  }
  try {
    const context = { toolCall: call, signal: r.controller.signal, messages: ctx.state.messages };
    return toolResult(call.id, await tool?.execute?.(args, context)).content;
  } catch (error) {
    // The model gets the failure as the tool's result, so it can recover or explain.
    return toolResult(call.id, { error: asError(error).message }).content;
  }
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
