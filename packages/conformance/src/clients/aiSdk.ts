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

/** The AI SDK's finish reasons for Cohere's, as `@ai-sdk/cohere` maps them. */
const FINISH_REASONS: Record<string, string> = {
  COMPLETE: "stop",
  STOP_SEQUENCE: "stop",
  MAX_TOKENS: "length",
  ERROR: "error",
  TOOL_CALL: "tool-calls",
};

/**
 * The Vercel AI SDK with its Cohere provider: `generateText` and `streamText`, with the request said in the AI
 * SDK's terms (messages, tools without `execute`, limits, thinking). What it has no words for (documents, tool
 * results, JSON mode) is reported as unsupported, and that case is skipped for it.
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
    finishReason: (raw) => FINISH_REASONS[raw] ?? "other",
    showsCitations: () => false,
    async call(request, mode, target) {
      const model = createCohere({ baseURL: `${target.baseUrl}/v2`, apiKey: target.apiKey ?? "no-key" })(
        request.model,
      );
      const options: Loose = {
        model,
        // The AI SDK takes system messages as `instructions`, the rest as messages.
        messages: request.messages
          .filter((message) => message.role !== "system")
          .map((message) => ({ role: message.role, content: plainText(message.content) })),
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
    if (message.role === "tool" || (message.role === "assistant" && message.tool_calls?.length))
      return "tool results";
    if (typeof message.content !== "string" && !Array.isArray(message.content)) return "this message content";
    if (Array.isArray(message.content) && message.content.some((part) => part.type !== "text"))
      return `${message.role} content other than text`;
  }
  return undefined;
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
