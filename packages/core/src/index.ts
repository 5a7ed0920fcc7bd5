export type { ReplyBuilder, ReplyDraft } from "./accumulate";
export {
  accumulate,
  assembleResponse,
  createReplyBuilder,
  createReplyDraft,
  toChatResponse,
} from "./accumulate";
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
export type { ChatObjectParams, ChatObjectResult, ObjectOf } from "./chatObject";
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
  DEFAULT_MAX_RETRIES,
  DEFAULT_MODEL,
  DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
} from "./defaults";
export type { ApiErrorInit, StreamErrorKind } from "./errors";
export {
  AbortError,
  ApiError,
  apiErrorFor,
  BadRequestError,
  ChatBusyError,
  ClientClosedRequestError,
  ConnectionError,
  ForbiddenError,
  GatewayTimeoutError,
  InternalServerError,
  InvalidTokenError,
  NotFoundError,
  NotImplementedError,
  ParleyError,
  PaymentRequiredError,
  parseRetryAfter,
  ServiceUnavailableError,
  StreamError,
  TimeoutError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableEntityError,
  ValidationError,
} from "./errors";
export type { GrammarRule, GrammarViolation, StreamGrammar } from "./grammar";
export {
  checkStreamGrammar,
  createAssemblyGrammar,
  createStreamGrammar,
  STREAM_EVENT_TYPES,
} from "./grammar";
export { InvalidResponseError } from "./invalidResponseError";
export type { MessageLike } from "./messageText";
export { messageText } from "./messageText";
export { ObjectValidationError } from "./objectValidationError";
export { parsePartialJson } from "./partialJson";
export { MAX_RETRY_DELAY_MS, retryDelay } from "./retry";
export type { RunToolsParams, RunToolsResult, ToolStep } from "./runTools";
export { runTools } from "./runTools";
export type { SseDecoder, SseMessage } from "./sse";
export { createSseDecoder, DONE, decodeEvents, parseStreamEvent } from "./sse";
export type {
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
export { validateRequest } from "./validate";
