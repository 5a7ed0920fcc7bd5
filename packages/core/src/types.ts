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

/** A text part (`type: "text"`), allowed in the content of every role. */
export interface TextContent {
  type: "text";
  text: string;
  /** Never set: lets `content?.[0]?.thinking` read on any part, as the docs' examples do. */
  thinking?: undefined;
}

/**
 * An image part of a user message (vision models only): `image_url.url` is an `https://` URL or a
 * `data:<mime>;base64,…` URL; `detail` is the resolution the model looks at (`auto` when left out).
 */
export interface ImageUrlContent {
  type: "image_url";
  image_url: { url: string; detail?: OpenEnum<"auto" | "low" | "high"> };
}

/** A reasoning model's thinking, as an assistant content part; it comes before the reply's text part. */
export interface ThinkingContent {
  type: "thinking";
  thinking: string;
  /** Never set: lets `res.message.content?.[0]?.text` read on any part, as the docs' examples do. */
  text?: undefined;
}

/** A document part of a tool message: a tool result the model can cite, as a `{@link Document}`. */
export interface DocumentContent {
  type: "document";
  document: Document;
}

/** A RAG document. Real servers also accept `data` given as a string. */
export interface Document {
  id?: string;
  data: Record<string, unknown> | string;
}

/** A system message's content: a string, or text parts. */
export type SystemContent = string | TextContent[];
/** A user message's content: a string, or text and image parts. */
export type UserContent = string | Array<TextContent | ImageUrlContent>;
/** An assistant message's content: a string, or text and thinking parts. */
export type AssistantContent = string | Array<TextContent | ThinkingContent>;
/**
 * A tool message's content, the tool's result: a string (often JSON), or text and document parts (documents can be
 * cited).
 */
export type ToolContent = string | Array<TextContent | DocumentContent>;

// ---------------------------------------------------------------------------------------------
// Tool calls and citations
// ---------------------------------------------------------------------------------------------

/**
 * A call the model asks for, in a reply's `message.tool_calls` (and in the assistant message sent back with it). The
 * tool message that answers it carries the same `id` as its `tool_call_id`.
 */
export interface ToolCall {
  id: string;
  type: "function";
  /** `arguments` is a JSON-encoded string, not an object; `""` means no arguments. */
  function: { name: string; arguments: string };
}

/**
 * A citation's source that is a document of the request's `documents` (or a document part): `document` echoes the
 * document's `id` and data.
 */
export interface DocumentSource {
  type: "document";
  id?: string;
  document?: Record<string, unknown>;
}

/**
 * A citation's source that is a tool result: `id` is `<tool_call_id>:<n>`, and `tool_output` the result (a string
 * result comes as `{ content: "<the string>" }`).
 */
export interface ToolSource {
  type: "tool";
  id?: string;
  tool_output?: Record<string, unknown>;
}

/** Where a citation's text comes from, told apart by `type`. */
export type Source = DocumentSource | ToolSource;

/**
 * A span of the reply grounded in documents or tool results, in a reply's `message.citations` (and one per
 * `citation-start` event when streaming).
 */
export interface Citation {
  /** Offset into the generated text of content block `content_index` (characters, end exclusive). */
  start?: number;
  /** Where the span ends (exclusive), in the same text as `start`. */
  end?: number;
  /** The cited text itself: `content[content_index].text.slice(start, end)`. */
  text?: string;
  sources?: Source[];
  /** What the span is in: a text part, a thinking part, or the tool plan (absent in 2024 replies). */
  type?: OpenEnum<"TEXT_CONTENT" | "THINKING_CONTENT" | "PLAN">;
  /** The content part the offsets count in; matters when a thinking part comes first. */
  content_index?: number;
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

/** Instructions for the model; must be the first message when present. */
export interface SystemMessage {
  role: "system";
  content: SystemContent;
}

/** What the user said or showed. */
export interface UserMessage {
  role: "user";
  content: UserContent;
}

/**
 * An earlier reply of the model, sent back as conversation history. A turn that called tools carries `tool_plan` and
 * `tool_calls` (and may have no `content`); the tool messages answering them follow it.
 */
export interface AssistantMessage {
  role: "assistant";
  content?: AssistantContent;
  /** The model's plan, in words, for the tool calls it makes (Command R family). */
  tool_plan?: string;
  tool_calls?: ToolCall[];
  citations?: Citation[];
}

/** A tool's result, answering the assistant's tool call whose `id` is `tool_call_id`. */
export interface ToolMessage {
  role: "tool";
  tool_call_id: string;
  content: ToolContent;
}

/** One message of a request's `messages`, in chronological order, told apart by `role`. */
export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
/** A message's `role`: `system`, `user`, `assistant` or `tool`. */
export type Role = ChatMessage["role"];

// ---------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------

/**
 * A function the model may call, in a request's `tools`. `function.name` may use only `A-Za-z0-9_` and may not start
 * with a digit; `function.parameters` describes its arguments.
 */
export interface Tool {
  type: "function";
  function: {
    name: string;
    description?: string;
    /** A JSON Schema object; any JSON is passed through. */
    parameters?: Record<string, unknown>;
  };
}

/**
 * The shape of the reply's text, a request's `response_format`: free text (the default), or JSON (`json_object`),
 * held to `json_schema` when one is given. Not allowed together with `documents` or `tools`.
 */
export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object"; json_schema?: Record<string, unknown> };

/**
 * The body of `POST /v2/chat`. Only `model` and `messages` are required; a field left out takes the server's default
 * (the model's own, where that differs).
 */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** Set by the client: `chat()` sends `false`, `chatStream()` sends `true`. */
  stream?: boolean;
  /** Functions the model may call; a reply that calls them ends with `finish_reason: "TOOL_CALL"`. */
  tools?: Tool[];
  /** Holds tool calls strictly to the tools' schemas (beta; the first requests with new tools are slower). */
  strict_tools?: boolean;
  /** RAG sources the reply may cite: strings, or documents whose `id` citations name (`doc:0`, … if absent). */
  documents?: Array<string | Document>;
  /** Whether and how the reply cites its sources (on by default for models that support citations). */
  citation_options?: { mode?: OpenEnum<"ENABLED" | "DISABLED" | "FAST" | "ACCURATE" | "OFF"> };
  response_format?: ResponseFormat;
  /** Cohere's default: `CONTEXTUAL`; not allowed together with `tools` or `documents`. */
  safety_mode?: OpenEnum<"CONTEXTUAL" | "STRICT" | "OFF">;
  /** The most tokens the reply may hold; one cut there ends with `MAX_TOKENS`. Cohere's default: the model's cap. */
  max_tokens?: number;
  /** Up to 5 strings; the reply stops before the first it would produce (which is left out) with `STOP_SEQUENCE`. */
  stop_sequences?: string[];
  /** Randomness, 0 to 1. Cohere's default: 0.3. */
  temperature?: number;
  /** Makes sampling repeatable, as far as the server can. */
  seed?: number;
  /** 0 to 1: lowers the odds of tokens by how often they appeared already. Cohere's default: 0. */
  frequency_penalty?: number;
  /** 0 to 1: lowers the odds of tokens that appeared at all. Cohere's default: 0. */
  presence_penalty?: number;
  /** Top-k sampling, 0 to 500; 0 turns it off (Cohere's default). */
  k?: number;
  /** Top-p sampling, 0.01 to 0.99, applied after `k`. Cohere's default: 0.75. */
  p?: number;
  /** Asks for the reply's `logprobs` (per content delta when streaming). */
  logprobs?: boolean;
  /** `REQUIRED` forces a tool call (needs `tools`), `NONE` forbids one; left out, the model decides. */
  tool_choice?: OpenEnum<"REQUIRED" | "NONE">;
  /** A reasoning model's thinking: on or off, and the most tokens it may spend. On by default for those models. */
  thinking?: { type?: OpenEnum<"enabled" | "disabled">; token_budget?: number };
  /** 0 to 999; lower numbers are served first under load. Cohere's default: 0, the highest. */
  priority?: number;
}

// ---------------------------------------------------------------------------------------------
// Response
// ---------------------------------------------------------------------------------------------

/**
 * Why generation stopped: `COMPLETE` (the model finished), `STOP_SEQUENCE` (one of `stop_sequences` came),
 * `MAX_TOKENS` (`max_tokens` or the context length ran out), `TOOL_CALL` (the reply calls tools and waits for their
 * results), `ERROR` (generation failed; the reply's `error` says why), `TIMEOUT` (a server time limit ran out). Other
 * values may come later.
 */
export type FinishReason = OpenEnum<
  "COMPLETE" | "STOP_SEQUENCE" | "MAX_TOKENS" | "TOOL_CALL" | "ERROR" | "TIMEOUT"
>;

/**
 * What a reply cost: `billed_units` is what is billed, `tokens` what the model actually read and wrote (prompt
 * template included), `cached_tokens` the prompt tokens served from Cohere's cache. Any key may be missing, and
 * others may come (`image_tokens` has been seen).
 */
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

/**
 * Log probabilities of a stretch of the reply (with `logprobs: true`): its `text`, the `token_ids` it is made of, and
 * one log probability per token in `logprobs`.
 */
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

/**
 * A reply (HTTP 200 to a request without `stream: true`): what `chat()` returns, and what
 * `ChatStream.finalResponse()` assembles from the events.
 */
export interface ChatResponse {
  /** The reply's id (a UUID); with streaming it comes in `message-start`. */
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

/**
 * `message-start`: the first event of a stream, exactly once. `id` is the reply's id; `delta.message` says the role
 * (real streams also send empty `content`, `tool_plan`, `tool_calls` and `citations`).
 */
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

/**
 * `content-start`: content part `index` (0, 1, … in order) begins, with its type and empty text: a `thinking` part
 * first on reasoning models, then the `text`. Parts never interleave.
 */
export interface ContentStartEvent {
  type: "content-start";
  index: number;
  delta: { message: { content: { type: "text"; text: string } | { type: "thinking"; thinking: string } } };
}

/**
 * `content-delta`: the next fragment of content part `index`'s `text` (or `thinking`); the fragments joined are the
 * part's text. `logprobs` comes with `logprobs: true`.
 */
export interface ContentDeltaEvent {
  type: "content-delta";
  index: number;
  delta: { message: { content: { text?: string; thinking?: string } } };
  logprobs?: LogprobItem;
}

/** `content-end`: content part `index` is complete. */
export interface ContentEndEvent {
  type: "content-end";
  index: number;
}

/**
 * `tool-plan-delta`: the next fragment of the reply's `tool_plan`, sent before its tool calls (no `index`: there
 * is one plan).
 */
export interface ToolPlanDeltaEvent {
  type: "tool-plan-delta";
  delta: { message: { tool_plan: string } };
}

/**
 * `tool-call-start`: tool call `index` (0, 1, … in order) begins, with its `id`, its function's name and
 * `arguments: ""` (`tool_calls` here is one call, not an array).
 */
export interface ToolCallStartEvent {
  type: "tool-call-start";
  index: number;
  delta: { message: { tool_calls: ToolCall } };
}

/**
 * `tool-call-delta`: the next fragment of tool call `index`'s `arguments`, a JSON string to parse only once the call
 * has ended. A call without arguments may have no delta at all.
 */
export interface ToolCallDeltaEvent {
  type: "tool-call-delta";
  index: number;
  delta: { message: { tool_calls: { function: { arguments: string } } } };
}

/** `tool-call-end`: tool call `index` is complete; its `arguments` can be parsed. */
export interface ToolCallEndEvent {
  type: "tool-call-end";
  index: number;
}

/**
 * `citation-start`: citation `index` (0, 1, … in order), whole (`citations` here is one `Citation`, not an array).
 * Usually sent right after the cited text, before its `content-end`.
 */
export interface CitationStartEvent {
  type: "citation-start";
  index: number;
  delta: { message: { citations: Citation } };
}

/** `citation-end`: closes citation `index`; it carries nothing more. */
export interface CitationEndEvent {
  type: "citation-end";
  index: number;
}

/**
 * `message-end`: the last event before `data: [DONE]`, exactly once. `delta` carries the reply's `finish_reason`, its
 * `usage`, and `error` when `finish_reason` is `ERROR` (a failure after the stream started cannot change the HTTP
 * status).
 */
export interface MessageEndEvent {
  type: "message-end";
  id?: string;
  delta: { finish_reason: FinishReason; usage?: Usage; error?: string };
}

/** `debug`: in Cohere's spec and SDK, but undocumented and never seen on the wire; it adds nothing to the reply. */
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

/** Every event type this version knows, told apart by `type`. */
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

/**
 * One event of a streamed reply (`stream: true`), as the JSON `data:` of one server-sent event; what iterating a
 * `ChatStream` yields. Told apart by `type`; a type this version does not know comes as an `UnknownStreamEvent`.
 */
export type StreamEvent = KnownStreamEvent | UnknownStreamEvent;
/** The `type` of every event this version knows (`"message-start"`, `"content-delta"`, …). */
export type StreamEventType = KnownStreamEvent["type"];

/** The error body Cohere sends with every non-2xx status. */
export interface ApiErrorBody {
  id?: string;
  message?: string;
}
