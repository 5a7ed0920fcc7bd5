import { toolResult } from "./builders";
import type { ChatTool, ToolContext } from "./chatTypes";
import { describeIssues, errorMessage, issuePath, validateWith } from "./schemaSupport";
import type { TypedTool } from "./tool";
import type { ToolCall, ToolContent } from "./types";

/**
 * Runs one tool call and gives the content of its `tool` message. Arguments that are not a JSON object, or that do
 * not fit the tool's schema (a `tool()` made with one), never reach `execute`: the model gets an error naming what
 * was wrong, as it gets an exception `execute` throws, so it can correct itself.
 */
export async function callTool(
  tool: ChatTool | undefined,
  call: ToolCall,
  context: ToolContext,
): Promise<ToolContent> {
  const fail = (error: Record<string, unknown>) => toolResult(call.id, error).content;
  const text = call.function.arguments;
  let args: unknown;
  try {
    args = text ? JSON.parse(text) : {};
  } catch {
    return fail({ error: `The arguments are not valid JSON: ${text}` });
  }
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    return fail({ error: `The arguments must be a JSON object, not ${text}` });
  }
  try {
    const schema = (tool as TypedTool | undefined)?.schema;
    if (schema) {
      const checked = await validateWith(schema, args);
      if (checked.issues) {
        return fail({
          error: `The arguments do not fit the parameters of ${call.function.name}: ${describeIssues(checked.issues)}`,
          issues: checked.issues.map((issue) => ({ path: issuePath(issue), message: issue.message })),
        });
      }
      args = checked.value;
    }
    return toolResult(call.id, await tool?.execute?.(args as Record<string, unknown>, context)).content;
  } catch (error) {
    // The model gets the failure as the tool's result, so it can recover or explain.
    return fail({ error: errorMessage(error) });
  }
}
