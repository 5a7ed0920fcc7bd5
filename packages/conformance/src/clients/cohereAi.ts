import type { ChatRequest } from "@parley/core";
import { isPlainObject } from "../json/json";
import { camelCase } from "./camelCase";
import type { SdkClient, SdkView } from "./sdkClient";

type Loose = Record<string, unknown>;
interface CohereModule {
  CohereClientV2: new (options: {
    token: string;
    environment: string;
  }) => {
    chat(request: unknown, options: Loose): Promise<Loose>;
    chatStream(request: unknown, options: Loose): Promise<AsyncIterable<Loose>>;
  };
}

/** `ChatFinishReason` of cohere-ai: the values its users compare `finishReason` with. */
const FINISH_REASONS = ["COMPLETE", "STOP_SEQUENCE", "MAX_TOKENS", "TOOL_CALL", "ERROR", "TIMEOUT"];

/** Cohere's own TypeScript SDK (`cohere-ai`): its `chat()` and `chatStream()`, fed the request in camelCase. */
export function cohereAiClient(module: unknown, version?: string): SdkClient {
  const { CohereClientV2 } = module as CohereModule;
  return {
    name: "cohere-ai",
    ...(version ? { version } : {}),
    unsupported: () => undefined,
    finishReason: (raw) => (FINISH_REASONS.includes(raw) ? raw : undefined),
    finishReasons: FINISH_REASONS,
    finishReasonUsers: `code comparing it with cohere-ai's ChatFinishReason values ("COMPLETE", "TOOL_CALL", …) misses it`,
    showsCitations: () => true,
    async call(request, mode, target) {
      const client = new CohereClientV2({ token: target.apiKey ?? "no-key", environment: target.baseUrl });
      const { stream: _, ...body } = request as ChatRequest & { stream?: boolean };
      const options = { maxRetries: 0, abortSignal: target.signal };
      if (mode === "plain") return fromReply(await client.chat(camelCase(body), options));
      return fromEvents(await client.chatStream(camelCase(body), options));
    },
  };
}

const pick = (value: unknown, ...keys: string[]): unknown => {
  if (!isPlainObject(value)) return undefined;
  for (const key of keys) if (value[key] !== undefined) return value[key];
  return undefined;
};

function usageOf(usage: unknown): SdkView["usage"] {
  const tokens = pick(usage, "tokens");
  const count = (key: string, camel: string) => {
    const value = pick(tokens, camel, key);
    return typeof value === "number" ? value : undefined;
  };
  return { input: count("input_tokens", "inputTokens"), output: count("output_tokens", "outputTokens") };
}

function parseArguments(text: unknown): unknown {
  try {
    return JSON.parse(typeof text === "string" && text.trim() !== "" ? text : "{}");
  } catch {
    return text;
  }
}

function fromReply(reply: Loose): SdkView {
  const message = pick(reply, "message");
  const content = pick(message, "content");
  const calls = pick(message, "toolCalls", "tool_calls");
  const citations = pick(message, "citations");
  return {
    text: (Array.isArray(content) ? content : [])
      .map((part) => (pick(part, "type") === "text" ? String(pick(part, "text") ?? "") : ""))
      .join(""),
    toolCalls: (Array.isArray(calls) ? calls : []).map((call) => ({
      name: String(pick(pick(call, "function"), "name")),
      arguments: parseArguments(pick(pick(call, "function"), "arguments")),
    })),
    finishReason: pick(reply, "finishReason", "finish_reason") as string | undefined,
    usage: usageOf(pick(reply, "usage")),
    citations: Array.isArray(citations) ? citations.length : 0,
  };
}

async function fromEvents(stream: AsyncIterable<Loose>): Promise<SdkView> {
  const view: SdkView = {
    text: "",
    toolCalls: [],
    finishReason: undefined,
    usage: usageOf(undefined),
    citations: 0,
  };
  const args: string[] = [];
  for await (const event of stream) {
    const message = pick(pick(event, "delta"), "message");
    switch (event.type) {
      case "content-delta": {
        const text = pick(pick(message, "content"), "text");
        if (typeof text === "string") view.text += text;
        break;
      }
      case "tool-call-start": {
        const fn = pick(pick(message, "toolCalls", "tool_calls"), "function");
        view.toolCalls.push({ name: String(pick(fn, "name")), arguments: undefined });
        args.push(String(pick(fn, "arguments") ?? ""));
        break;
      }
      case "tool-call-delta": {
        const fn = pick(pick(message, "toolCalls", "tool_calls"), "function");
        args[args.length - 1] += String(pick(fn, "arguments") ?? "");
        break;
      }
      case "citation-start":
        view.citations = (view.citations ?? 0) + 1;
        break;
      case "message-end": {
        const delta = pick(event, "delta");
        view.finishReason = pick(delta, "finishReason", "finish_reason") as string | undefined;
        view.usage = usageOf(pick(delta, "usage"));
        break;
      }
    }
  }
  view.toolCalls.forEach((call, i) => {
    call.arguments = parseArguments(args[i]);
  });
  return view;
}
