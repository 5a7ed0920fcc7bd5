/**
 * Wire types of the Cohere Chat API v2 (`POST /v2/chat`), snake_case exactly as on the wire.
 * Fields the server may add later pass through at runtime untouched; enums that may grow
 * (`FinishReason`, citation types) accept any string while keeping autocomplete for known values.
 */

/** A string enum that keeps its known members for autocomplete but accepts values added later. */
export type OpenEnum<T extends string> = T | (string & {});

// ---------------------------------------------------------------------------------------------
// Content parts
// ---------------------------------------------------------------------------------------------

export interface TextContent {
  type: "text";
  text: string;
  /** Never set: lets `content?.[0]?.thinking` read on any part, as the docs' examples do. */
  thinking?: undefined;
}

export interface ImageUrlContent {
  type: "image_url";
  image_url: { url: string; detail?: OpenEnum<"auto" | "low" | "high"> };
}

export interface ThinkingContent {
  type: "thinking";
  thinking: string;
  /** Never set: lets `res.message.content?.[0]?.text` read on any part, as the docs' examples do. */
  text?: undefined;
}

export interface DocumentContent {
  type: "document";
  document: Document;
}

/** A RAG document. Real servers also accept `data` given as a string. */
export interface Document {
  id?: string;
  data: Record<string, unknown> | string;
}

export type SystemContent = string | TextContent[];
export type UserContent = string | Array<TextContent | ImageUrlContent>;
export type AssistantContent = string | Array<TextContent | ThinkingContent>;
export type ToolContent = string | Array<TextContent | DocumentContent>;

// ---------------------------------------------------------------------------------------------
// Tool calls and citations
// ---------------------------------------------------------------------------------------------

export interface ToolCall {
  id: string;
  type: "function";
  /** `arguments` is a JSON-encoded string, not an object; `""` means no arguments. */
  function: { name: string; arguments: string };
}

export interface DocumentSource {
  type: "document";
  id?: string;
  document?: Record<string, unknown>;
}

export interface ToolSource {
  type: "tool";
  id?: string;
  tool_output?: Record<string, unknown>;
}

export type Source = DocumentSource | ToolSource;

export interface Citation {
  /** Offset into the generated text of content block `content_index` (characters, end exclusive). */
  start?: number;
  end?: number;
  text?: string;
  sources?: Source[];
  type?: OpenEnum<"TEXT_CONTENT" | "THINKING_CONTENT" | "PLAN">;
  content_index?: number;
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

export interface SystemMessage {
  role: "system";
  content: SystemContent;
}

export interface UserMessage {
  role: "user";
  content: UserContent;
}

export interface AssistantMessage {
  role: "assistant";
  content?: AssistantContent;
  tool_plan?: string;
  tool_calls?: ToolCall[];
  citations?: Citation[];
}

export interface ToolMessage {
  role: "tool";
  tool_call_id: string;
  content: ToolContent;
}

export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
export type Role = ChatMessage["role"];

// ---------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------

export interface Tool {
  type: "function";
  function: {
    name: string;
    description?: string;
    /** A JSON Schema object; any JSON is passed through. */
    parameters?: Record<string, unknown>;
  };
}

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object"; json_schema?: Record<string, unknown> };

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** Set by the client: `chat()` sends `false`, `chatStream()` sends `true`. */
  stream?: boolean;
  tools?: Tool[];
  strict_tools?: boolean;
  documents?: Array<string | Document>;
  citation_options?: { mode?: OpenEnum<"ENABLED" | "DISABLED" | "FAST" | "ACCURATE" | "OFF"> };
  response_format?: ResponseFormat;
  safety_mode?: OpenEnum<"CONTEXTUAL" | "STRICT" | "OFF">;
  max_tokens?: number;
  stop_sequences?: string[];
  temperature?: number;
  seed?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
  k?: number;
  p?: number;
  logprobs?: boolean;
  tool_choice?: OpenEnum<"REQUIRED" | "NONE">;
  thinking?: { type?: OpenEnum<"enabled" | "disabled">; token_budget?: number };
  priority?: number;
}

// ---------------------------------------------------------------------------------------------
// Response
// ---------------------------------------------------------------------------------------------

export type FinishReason = OpenEnum<
  "COMPLETE" | "STOP_SEQUENCE" | "MAX_TOKENS" | "TOOL_CALL" | "ERROR" | "TIMEOUT"
>;

export interface Usage {
  billed_units?: {
    input_tokens?: number;
    output_tokens?: number;
    search_units?: number;
    classifications?: number;
    [key: string]: number | undefined;
  };
  tokens?: {
    input_tokens?: number;
    output_tokens?: number;
    [key: string]: number | undefined;
  };
  cached_tokens?: number;
}

/** The legacy `meta` block some docs samples show instead of `usage`. */
export interface ApiMeta {
  api_version?: { version?: string; is_deprecated?: boolean; is_experimental?: boolean };
  warnings?: string[];
  billed_units?: Usage["billed_units"];
  tokens?: Usage["tokens"];
}

export interface LogprobItem {
  text?: string;
  token_ids: number[];
  logprobs?: number[];
}

/** The assistant message of a reply: content is always an array of parts. */
export interface AssistantMessageResponse {
  role: "assistant";
  content?: Array<TextContent | ThinkingContent>;
  tool_plan?: string;
  tool_calls?: ToolCall[];
  citations?: Citation[];
}

export interface ChatResponse {
  id: string;
  finish_reason: FinishReason;
  message: AssistantMessageResponse;
  usage?: Usage;
  meta?: ApiMeta;
  logprobs?: LogprobItem[];
  /** Set when `finish_reason` is `ERROR`: what went wrong while generating. */
  error?: string;
}

// ---------------------------------------------------------------------------------------------
// Stream events (`stream: true`), a discriminated union on `type`
// ---------------------------------------------------------------------------------------------

export interface MessageStartEvent {
  type: "message-start";
  id?: string;
  delta?: {
    message?: {
      role?: "assistant";
      content?: unknown[];
      tool_plan?: string;
      tool_calls?: unknown[];
      citations?: unknown[];
    };
  };
}

export interface ContentStartEvent {
  type: "content-start";
  index: number;
  delta: { message: { content: { type: "text"; text: string } | { type: "thinking"; thinking: string } } };
}

export interface ContentDeltaEvent {
  type: "content-delta";
  index: number;
  delta: { message: { content: { text?: string; thinking?: string } } };
  logprobs?: LogprobItem;
}

export interface ContentEndEvent {
  type: "content-end";
  index: number;
}

export interface ToolPlanDeltaEvent {
  type: "tool-plan-delta";
  delta: { message: { tool_plan: string } };
}

export interface ToolCallStartEvent {
  type: "tool-call-start";
  index: number;
  delta: { message: { tool_calls: ToolCall } };
}

export interface ToolCallDeltaEvent {
  type: "tool-call-delta";
  index: number;
  delta: { message: { tool_calls: { function: { arguments: string } } } };
}

export interface ToolCallEndEvent {
  type: "tool-call-end";
  index: number;
}

export interface CitationStartEvent {
  type: "citation-start";
  index: number;
  delta: { message: { citations: Citation } };
}

export interface CitationEndEvent {
  type: "citation-end";
  index: number;
}

export interface MessageEndEvent {
  type: "message-end";
  id?: string;
  delta: { finish_reason: FinishReason; usage?: Usage; error?: string };
}

export interface DebugEvent {
  type: "debug";
  prompt?: string;
}

declare const unknownEventBrand: unique symbol;

/**
 * An event whose `type` this version does not know. It is yielded exactly as it came, and the reducer
 * ignores it. (The branded template type keeps `event.type === "content-delta"` narrowing to the known event.)
 */
export interface UnknownStreamEvent {
  type: `${string}-${string}` & { readonly [unknownEventBrand]: true };
  readonly [key: string]: unknown;
}

export type KnownStreamEvent =
  | MessageStartEvent
  | ContentStartEvent
  | ContentDeltaEvent
  | ContentEndEvent
  | ToolPlanDeltaEvent
  | ToolCallStartEvent
  | ToolCallDeltaEvent
  | ToolCallEndEvent
  | CitationStartEvent
  | CitationEndEvent
  | MessageEndEvent
  | DebugEvent;

export type StreamEvent = KnownStreamEvent | UnknownStreamEvent;
export type StreamEventType = KnownStreamEvent["type"];

/** The error body Cohere sends with every non-2xx status. */
export interface ApiErrorBody {
  id?: string;
  message?: string;
}
