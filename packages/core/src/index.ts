// The root entry: what applications use. The tools for building on the wire are in `@parley/core/protocol`
// (`protocol.ts`); everything else is internal. `exports.test.ts` pins both lists.
export { assistantMessage, systemMessage, toolResult, userMessage } from "./builders";
export { createChat } from "./chat/createChat";
export { parseChatMessages } from "./chat/parseChatMessages";
export type { ChatLease } from "./chat/registry";
export { acquireChat, findChat } from "./chat/registry";
export { toUIMessages } from "./chat/toUIMessages";
export type {
  AssistantUIMessage,
  BusyPolicy,
  Chat,
  ChatClient,
  ChatOptions,
  ChatParams,
  ChatSnapshot,
  ChatStatus,
  ChatTool,
  FinishInfo,
  FinishReasonKind,
  MessageInput,
  SendInput,
  SystemUIMessage,
  ToolContext,
  ToolUIMessage,
  UIMessage,
  UserUIMessage,
} from "./chat/types";
export { toWireMessages } from "./chat/wireRequest";
// Typed tools, the tool runner, structured output and the message helpers.
export type { ChatObjectParams, ChatObjectResult, JsonOf, ObjectOf } from "./chatObject";
export { chatObject } from "./chatObject";
export type { PartialObject } from "./chatObjectStream";
export { chatObjectStream, ObjectStream } from "./chatObjectStream";
export type { ChatStreamOptions, ReplySnapshot } from "./chatStream";
export { ChatStream } from "./chatStream";
export type { CitedSegment } from "./citedSegments";
export { citedSegments } from "./citedSegments";
export type { ApiKey, ClientOptions, FetchInit, FetchLike, HeaderValues, RequestOptions } from "./client";
export { ClientV2 } from "./client";
export {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRIES,
  DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
} from "./defaults";
export type { ApiErrorInit, StreamErrorKind } from "./errors";
export {
  AbortError,
  ApiError,
  BadRequestError,
  ChatBusyError,
  ClientClosedRequestError,
  ConnectionError,
  ForbiddenError,
  GatewayTimeoutError,
  InternalServerError,
  InvalidResponseError,
  InvalidTokenError,
  NotFoundError,
  NotImplementedError,
  ObjectValidationError,
  ParleyError,
  PaymentRequiredError,
  ServiceUnavailableError,
  StreamError,
  TimeoutError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableEntityError,
  ValidationError,
} from "./errors";
export type { MessageLike } from "./messageText";
export { messageText } from "./messageText";

export type { RunToolsParams, RunToolsResult, ToolStep } from "./runTools";
export { runTools } from "./runTools";
export type {
  InferInput,
  InferOutput,
  JsonSchema,
  Schema,
  StandardJSONSchemaV1,
  StandardSchemaIssue,
  StandardSchemaResult,
  StandardSchemaV1,
} from "./standardSchema";
export type { ParsedArguments, ToolDefinition, TypedTool } from "./tool";
export { tool } from "./tool";
export type {
  ApiErrorBody,
  ApiMeta,
  AssistantContent,
  AssistantMessage,
  AssistantMessageResponse,
  ChatMessage,
  ChatRequest,
  ChatResponse,
  Citation,
  CitationEndEvent,
  CitationStartEvent,
  ContentDeltaEvent,
  ContentEndEvent,
  ContentStartEvent,
  DebugEvent,
  Document,
  DocumentContent,
  DocumentSource,
  FinishReason,
  ImageUrlContent,
  KnownStreamEvent,
  LogprobItem,
  MessageEndEvent,
  MessageStartEvent,
  OpenEnum,
  ResponseFormat,
  Role,
  Source,
  StreamEvent,
  StreamEventType,
  SystemContent,
  SystemMessage,
  TextContent,
  ThinkingContent,
  Tool,
  ToolCall,
  ToolCallDeltaEvent,
  ToolCallEndEvent,
  ToolCallStartEvent,
  ToolContent,
  ToolMessage,
  ToolPlanDeltaEvent,
  ToolSource,
  UnknownStreamEvent,
  Usage,
  UserContent,
  UserMessage,
} from "./types";
