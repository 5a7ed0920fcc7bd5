import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as root from "./index";
import * as protocol from "./protocol";

const entries = ["./index.ts", "./protocol.ts"].map((file) => new URL(file, import.meta.url).pathname);
let program: ts.Program | undefined;

/** Every name an entry exports, types included, as the type checker sees it. */
function exportedNames(file: "./index.ts" | "./protocol.ts"): string[] {
  program ??= ts.createProgram(entries, { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(new URL(file, import.meta.url).pathname);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${file} is not a module`);
  return checker
    .getExportsOfModule(module)
    .map((symbol) => symbol.name)
    .sort();
}

const ROOT_VALUES = [
  "AbortError",
  "ApiError",
  "BadRequestError",
  "ChatBusyError",
  "ChatStream",
  "ClientClosedRequestError",
  "ClientV2",
  "ConnectionError",
  "DEFAULT_BASE_URL",
  "DEFAULT_MAX_RESPONSE_BYTES",
  "DEFAULT_MAX_RETRIES",
  "DEFAULT_STREAM_IDLE_TIMEOUT_MS",
  "DEFAULT_TIMEOUT_MS",
  "ForbiddenError",
  "GatewayTimeoutError",
  "InternalServerError",
  "InvalidResponseError",
  "InvalidTokenError",
  "NotFoundError",
  "NotImplementedError",
  "ParleyError",
  "PaymentRequiredError",
  "ServiceUnavailableError",
  "StreamError",
  "TimeoutError",
  "TooManyRequestsError",
  "UnauthorizedError",
  "UnprocessableEntityError",
  "ValidationError",
  "ObjectStream",
  "ObjectValidationError",
  "acquireChat",
  "assistantMessage",
  "chatObject",
  "chatObjectStream",
  "citedSegments",
  "createChat",
  "findChat",
  "parseChatMessages",
  "runTools",
  "toUIMessages",
  "toWireMessages",
  "tool",
  "messageText",
  "systemMessage",
  "toolResult",
  "userMessage",
];

const ROOT_TYPES = [
  // the client and the stream
  "ApiKey",
  "ChatStreamOptions",
  "ClientOptions",
  "FetchInit",
  "FetchLike",
  "HeaderValues",
  "ReplySnapshot",
  "RequestOptions",
  // errors
  "ApiErrorInit",
  "StreamErrorKind",
  // the chat store
  "AssistantUIMessage",
  "BusyPolicy",
  "Chat",
  "ChatClient",
  "ChatOptions",
  "ChatParams",
  "ChatSnapshot",
  "ChatStatus",
  "ChatTool",
  "FinishInfo",
  "FinishReasonKind",
  "MessageInput",
  "MessageLike",
  "SendInput",
  "SystemUIMessage",
  "ToolContext",
  "ToolUIMessage",
  "UIMessage",
  "UserUIMessage",
  "ChatLease",
  "CitedSegment",
  // typed tools, the tool runner and structured output
  "ChatObjectParams",
  "ChatObjectResult",
  "InferInput",
  "InferOutput",
  "JsonOf",
  "JsonSchema",
  "ObjectOf",
  "ParsedArguments",
  "PartialObject",
  "RunToolsParams",
  "RunToolsResult",
  "Schema",
  "StandardJSONSchemaV1",
  "StandardSchemaIssue",
  "StandardSchemaResult",
  "StandardSchemaV1",
  "ToolDefinition",
  "ToolStep",
  "TypedTool",
  // the wire
  "ApiErrorBody",
  "ApiMeta",
  "AssistantContent",
  "AssistantMessage",
  "AssistantMessageResponse",
  "ChatMessage",
  "ChatRequest",
  "ChatResponse",
  "Citation",
  "CitationEndEvent",
  "CitationStartEvent",
  "ContentDeltaEvent",
  "ContentEndEvent",
  "ContentStartEvent",
  "DebugEvent",
  "Document",
  "DocumentContent",
  "DocumentSource",
  "FinishReason",
  "ImageUrlContent",
  "KnownStreamEvent",
  "LogprobItem",
  "MessageEndEvent",
  "MessageStartEvent",
  "OpenEnum",
  "ResponseFormat",
  "Role",
  "Source",
  "StreamEvent",
  "StreamEventType",
  "SystemContent",
  "SystemMessage",
  "TextContent",
  "ThinkingContent",
  "Tool",
  "ToolCall",
  "ToolCallDeltaEvent",
  "ToolCallEndEvent",
  "ToolCallStartEvent",
  "ToolContent",
  "ToolMessage",
  "ToolPlanDeltaEvent",
  "ToolSource",
  "UnknownStreamEvent",
  "Usage",
  "UserContent",
  "UserMessage",
];

const PROTOCOL_VALUES = [
  "DONE",
  "MAX_JSON_DEPTH",
  "STREAM_EVENT_TYPES",
  "assembleResponse",
  "checkStreamGrammar",
  "createSseDecoder",
  "createStreamGrammar",
  "decodeEvents",
  "isChatResponse",
  "nestsDeeperThan",
  "parsePartialJson",
  "parseStreamEvent",
  "validateRequest",
];

const PROTOCOL_TYPES = ["GrammarRule", "GrammarViolation", "SseDecoder", "SseMessage", "StreamGrammar"];

/** Internals that neither entry may export again. */
const INTERNALS = [
  "accumulate",
  "createReplyBuilder",
  "createReplyDraft",
  "toChatResponse",
  "ReplyBuilder",
  "ReplyDraft",
  "retryDelay",
  "MAX_RETRY_DELAY_MS",
  "createAssemblyGrammar",
  "apiErrorFor",
  "parseRetryAfter",
  "DEFAULT_MODEL",
];

const sorted = (names: string[]) => [...names].sort();

describe("the public surface", () => {
  it("the root entry exports what applications use, and nothing else", () => {
    expect(Object.keys(root).sort()).toEqual(sorted(ROOT_VALUES));
    expect(exportedNames("./index.ts")).toEqual(sorted([...ROOT_VALUES, ...ROOT_TYPES]));
  });

  it("@parley/core/protocol exports the tools for building on the wire, and nothing else", () => {
    expect(Object.keys(protocol).sort()).toEqual(sorted(PROTOCOL_VALUES));
    expect(exportedNames("./protocol.ts")).toEqual(sorted([...PROTOCOL_VALUES, ...PROTOCOL_TYPES]));
  });

  it("keeps the internals out of both entries, and no name in both", () => {
    const rootNames = exportedNames("./index.ts");
    const protocolNames = exportedNames("./protocol.ts");
    expect([...rootNames, ...protocolNames].filter((name) => INTERNALS.includes(name))).toEqual([]);
    expect(rootNames.filter((name) => protocolNames.includes(name))).toEqual([]);
  });
});
