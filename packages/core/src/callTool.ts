import { toolResult } from "./builders";
import type { ChatTool, ToolContext } from "./chat/types";
import type { TypedTool } from "./tool";
import type { ToolCall, ToolContent } from "./types";

/**
 * Runs one tool call and gives the content of its `tool` message. Arguments that are not a JSON object, or that a
 * `tool()`'s schema refuses, never reach `execute`: the model gets an error naming what was wrong, as it gets an
 * exception `execute` throws, so it can correct itself.
 */
export async function callTool(
  tool: ChatTool | undefined,
  call: ToolCall,
  context: ToolContext,
): Promise<ToolContent> {
  const text = call.function.arguments;
  let args: unknown;
  try {
    args = text ? JSON.parse(text) : {};
  } catch {
    return toolResult(call.id, { error: `The arguments are not valid JSON: ${text}` }).content;
  }
  try {
    if (typeof args !== "object" || args === null || Array.isArray(args)) {
      throw new Error(`The arguments must be a JSON object, not ${text}`);
    }
    const parsed = await (tool as TypedTool | undefined)?.parseArguments?.(args);
    if (parsed?.error) return toolResult(call.id, parsed.error).content;
    if (parsed) args = parsed.args;
    return toolResult(call.id, await tool?.execute?.(args as Record<string, unknown>, context)).content;
  } catch (error) {
    // The model gets the failure as the tool's result, so it can recover or explain.
    return toolResult(call.id, { error: error instanceof Error ? error.message : String(error) }).content;
  }
}
