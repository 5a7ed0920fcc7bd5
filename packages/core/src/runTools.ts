import { toolResult } from "./builders";
import { callTool } from "./callTool";
import { toUIMessages } from "./chat/toUIMessages";
import type { ChatTool } from "./chat/types";
import type { ClientV2, RequestOptions } from "./client";
import { AbortError, ValidationError } from "./errors";
import { abortable } from "./signals";
import type {
  AssistantMessage,
  ChatMessage,
  ChatRequest,
  ChatResponse,
  ToolCall,
  ToolMessage,
} from "./types";

/**
 * What `runTools()` takes: a chat request (`model`, `messages`, …) whose `tools` are given by name with the code
 * that runs them, and the loop's limits. `stream` is not taken: each step is a plain `chat()`.
 */
export interface RunToolsParams extends Omit<ChatRequest, "tools" | "stream"> {
  /** The tools the model may call, by name: `tool()`s or plain `ChatTool`s. */
  tools: Record<string, ChatTool>;
  /** Requests to make at most; the tools asked for in the last one still run. @default 5 */
  maxSteps?: number | undefined;
  /** Called after each request, and after the tools it asked for have run. */
  onStep?: ((step: ToolStep) => void) | undefined;
}

/** One request of a tool loop: the reply, and the tool calls it made with their results. */
export interface ToolStep {
  response: ChatResponse;
  toolCalls: ToolCall[];
  toolResults: ToolMessage[];
}

/** What `runTools()` resolves to once the loop ends: the last reply, the whole conversation, and each step. */
export interface RunToolsResult {
  /** The last reply. Its `finish_reason` is `TOOL_CALL` when the loop stopped at `maxSteps` or at a tool without `execute`. */
  response: ChatResponse;
  /** The conversation: the request's messages, then every reply and tool result, ready to send again. */
  messages: ChatMessage[];
  /** Each request made, in order, with the tool calls it asked for and their results. */
  steps: ToolStep[];
}

/**
 * The tool loop outside the chat store: asks, runs the tools the reply calls (in parallel, arguments checked as
 * `tool()` checks them), sends their results, and repeats until a reply calls no tool, `maxSteps` requests were
 * made, or a call names a tool without `execute` (the result then shows the unanswered calls). When `execute`
 * throws, the model gets `{ "error": <the error's message> }` as that call's result, so it can recover or explain:
 * throw messages fit for the model to read, or catch and return what it should see. `options.signal` aborts it with
 * `AbortError` at once, tools included (they get the signal in their context; one that ignores it is not waited for).
 */
export async function runTools(
  client: Pick<ClientV2, "chat">,
  params: RunToolsParams,
  options: RequestOptions = {},
): Promise<RunToolsResult> {
  const { tools, maxSteps = 5, onStep, ...request } = params;
  if (!(Number.isInteger(maxSteps) && maxSteps >= 1)) {
    throw new ValidationError("runTools(): maxSteps", "must be a whole number of at least 1");
  }
  const wireTools = Object.entries(tools).map(([name, tool]) => ({
    type: "function" as const,
    function: {
      name,
      parameters: tool.parameters ?? { type: "object", properties: {} },
      ...(tool.description !== undefined && { description: tool.description }),
    },
  }));
  const messages: ChatMessage[] = [...request.messages];
  const steps: ToolStep[] = [];
  const signal = options.signal ?? new AbortController().signal;
  for (;;) {
    const response = await client.chat({ ...request, messages, tools: wireTools }, options);
    const { content, tool_plan, tool_calls: calls = [] } = response.message;
    const reply: AssistantMessage = { role: "assistant" };
    if (content?.length) reply.content = content;
    if (calls.length > 0) {
      reply.tool_calls = calls;
      if (tool_plan) reply.tool_plan = tool_plan;
    }
    messages.push(reply);
    const step: ToolStep = { response, toolCalls: calls, toolResults: [] };
    steps.push(step);
    // A call to a tool nobody defined is the model's mistake, answered as one; a tool without `execute` is
    // the caller's to answer, so the loop hands the calls back.
    const runnable =
      calls.length > 0 &&
      calls.every((call) => tools[call.function.name]?.execute ?? !tools[call.function.name]);
    if (runnable) {
      const context = { signal, messages: toUIMessages(messages) };
      const running = Promise.all(
        calls.map((call) =>
          tools[call.function.name]
            ? callTool(tools[call.function.name], call, { ...context, toolCall: call })
            : toolResult(call.id, {
                error: `There is no tool named ${call.function.name}; the tools are ${Object.keys(tools).join(", ")}`,
              }).content,
        ),
      );
      // An abort ends the loop at once: a tool that ignores its signal is left to finish on its own.
      const results = await abortable(running, signal).catch(() => {
        throw new AbortError("runTools() was aborted", { cause: signal.reason });
      });
      step.toolResults = calls.map((call, i) => ({
        role: "tool",
        tool_call_id: call.id,
        content: results[i]!,
      }));
      messages.push(...step.toolResults);
    }
    onStep?.(step);
    if (!runnable || steps.length >= maxSteps) return { response, messages, steps };
  }
}
