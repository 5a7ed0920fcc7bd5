import type { ChatRequest } from "@parley/core";
import { isPlainObject } from "../json/json";
import type { SdkClient, SdkView } from "./sdkClient";

type Loose = Record<string, unknown>;
interface AiModule {
  generateText(options: Loose): Promise<Loose>;
  streamText(options: Loose): { fullStream: AsyncIterable<Loose> } & Loose;
  jsonSchema(schema: unknown): unknown;
  tool(definition: Loose): unknown;
}
interface CohereProviderModule {
  createCohere(options: { baseURL: string; apiKey: string }): (modelId: string) => unknown;
}

/** The AI SDK's finish reasons for Cohere's, as `@ai-sdk/cohere` maps them (anything else becomes "other"). */
const FINISH_REASONS: Record<string, string> = {
  COMPLETE: "stop",
  STOP_SEQUENCE: "stop",
  MAX_TOKENS: "length",
  ERROR: "error",
  TOOL_CALL: "tool-calls",
};
/** The AI SDK's documented finish reasons but "other" and "unknown", which say it could not tell. */
const DOCUMENTED = ["stop", "length", "content-filter", "tool-calls", "error"];

/**
 * The Vercel AI SDK with its Cohere provider: `generateText` and `streamText`, with the request said in the AI
 * SDK's terms (messages with tool calls and tool results, tools without `execute`, limits, thinking). What it has
 * no words for (documents, JSON mode) is reported as unsupported, and that case is skipped for it.
 */
export function aiSdkClient(ai: unknown, provider: unknown, version?: string): SdkClient {
  const { generateText, streamText, jsonSchema, tool } = ai as AiModule;
  const { createCohere } = provider as CohereProviderModule;
  // The AI SDK prints warnings (an unsupported setting) to the console; the report says what matters.
  (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
  return {
    name: "@ai-sdk/cohere",
    ...(version ? { version } : {}),
    unsupported,
    finishReason: (raw) => FINISH_REASONS[raw],
    finishReasons: DOCUMENTED,
    finishReasonUsers:
      'code checking finishReason, and the AI SDK\'s own tool loop (it goes on only after "tool-calls"), misread how the reply ended',
    showsCitations: () => false,
    async call(request, mode, target) {
      const model = createCohere({ baseURL: `${target.baseUrl}/v2`, apiKey: target.apiKey ?? "no-key" })(
        request.model,
      );
      const options: Loose = {
        model,
        // The AI SDK takes system messages as `instructions`, the rest as messages.
        messages: modelMessages(request.messages),
        maxRetries: 0,
        abortSignal: target.signal,
      };
      const system = request.messages.filter((message) => message.role === "system");
      if (system.length > 0)
        options.instructions = system.map((message) => plainText(message.content)).join("\n");
      if (request.tools?.length) {
        options.tools = Object.fromEntries(
          request.tools.map((t) => [
            t.function.name,
            tool({
              description: t.function.description,
              inputSchema: jsonSchema(t.function.parameters ?? {}),
            }),
          ]),
        );
      }
      if (request.tool_choice) options.toolChoice = request.tool_choice === "REQUIRED" ? "required" : "none";
      if (request.max_tokens !== undefined) options.maxOutputTokens = request.max_tokens;
      if (request.stop_sequences) options.stopSequences = request.stop_sequences;
      if (request.temperature !== undefined) options.temperature = request.temperature;
      if (request.seed !== undefined) options.seed = request.seed;
      if (request.thinking) {
        options.providerOptions = {
          cohere: { thinking: { type: request.thinking.type, tokenBudget: request.thinking.token_budget } },
        };
      }
      if (mode === "plain") return fromResult(await generateText(options));
      const errors: unknown[] = [];
      const result = streamText({
        ...options,
        onError: ({ error }: { error: unknown }) => errors.push(error),
      });
      for await (const part of result.fullStream) if (part.type === "error") errors.push(part.error);
      if (errors.length > 0) throw errors[0];
      return fromResult({
        text: await result.text,
        toolCalls: await result.toolCalls,
        finishReason: await result.finishReason,
        usage: await result.usage,
      });
    },
  };
}

function unsupported(request: ChatRequest): string | undefined {
  if (request.documents?.length) return "documents";
  if (request.response_format?.type === "json_object") return "JSON mode";
  for (const message of request.messages) {
    if (message.role === "tool") continue; // documents in a tool result are its output, sent as JSON
    const content = message.content;
    if (content === undefined && message.role === "assistant" && message.tool_calls?.length) continue;
    if (typeof content !== "string" && !Array.isArray(content)) return "this message content";
    if (Array.isArray(content) && content.some((part) => part.type !== "text"))
      return `${message.role} content other than text`;
  }
  return undefined;
}

/**
 * The request's messages as the AI SDK's `ModelMessage`s (system messages go to `instructions`): an assistant's
 * tool calls as `tool-call` parts, a tool message as a `tool-result` part naming the call's tool, its output JSON
 * (a document's data) or text.
 */
function modelMessages(messages: ChatRequest["messages"]): Loose[] {
  const toolNames = new Map<string, string>();
  const out: Loose[] = [];
  for (const message of messages) {
    if (message.role === "system") continue;
    if (message.role === "assistant" && message.tool_calls?.length) {
      const parts: Loose[] = [];
      const text = plainText(message.content);
      if (text) parts.push({ type: "text", text });
      for (const call of message.tool_calls) {
        toolNames.set(call.id, call.function.name);
        parts.push({
          type: "tool-call",
          toolCallId: call.id,
          toolName: call.function.name,
          input: parseJson(call.function.arguments ?? ""),
        });
      }
      out.push({ role: "assistant", content: parts });
    } else if (message.role === "tool") {
      const id = message.tool_call_id;
      out.push({
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: id,
            toolName: toolNames.get(id) ?? "",
            output: toolOutput(message.content),
          },
        ],
      });
    } else out.push({ role: message.role, content: plainText(message.content) });
  }
  return out;
}

/** A tool message's content as the AI SDK's tool output: the documents' data as JSON, text as text. */
function toolOutput(content: unknown): Loose {
  if (typeof content === "string") return { type: "text", value: content };
  const parts = Array.isArray(content) ? content.filter(isPlainObject) : [];
  const data = parts.map((part) =>
    isPlainObject(part.document) ? (part.document.data ?? part.document) : (part.text ?? null),
  );
  return { type: "json", value: data.length === 1 ? data[0] : data };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.trim() === "" ? "{}" : text);
  } catch {
    return text;
  }
}

function plainText(content: unknown): string {
  if (typeof content === "string") return content;
  return (Array.isArray(content) ? content : [])
    .map((part) => (isPlainObject(part) && typeof part.text === "string" ? part.text : ""))
    .join("");
}

function fromResult(result: Loose): SdkView {
  const usage = isPlainObject(result.usage) ? result.usage : {};
  const calls = Array.isArray(result.toolCalls) ? result.toolCalls : [];
  return {
    text: typeof result.text === "string" ? result.text : "",
    toolCalls: calls.map((call: Loose) => ({ name: String(call.toolName), arguments: call.input })),
    finishReason: typeof result.finishReason === "string" ? result.finishReason : undefined,
    usage: {
      input: typeof usage.inputTokens === "number" ? usage.inputTokens : undefined,
      output: typeof usage.outputTokens === "number" ? usage.outputTokens : undefined,
    },
  };
}
