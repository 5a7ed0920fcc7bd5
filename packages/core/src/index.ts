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
export type { ChatLease } from "./chat/registry";
export { acquireChat, findChat } from "./chat/registry";
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
export type { ChatStreamOptions, ReplySnapshot } from "./chatStream";
export { ChatStream } from "./chatStream";
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
export { MAX_RETRY_DELAY_MS, retryDelay } from "./retry";
export type { SseDecoder, SseMessage } from "./sse";
export { createSseDecoder, DONE, decodeEvents, parseStreamEvent } from "./sse";
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
