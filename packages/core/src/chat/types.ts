import type { ReplySnapshot } from "../chatStream";
import type {
  ChatRequest,
  Citation,
  Document,
  FinishReason,
  StreamEvent,
  SystemContent,
  TextContent,
  ThinkingContent,
  ToolCall,
  ToolContent,
  Usage,
  UserContent,
} from "../types";

/**
 * `ready`: idle (possibly waiting for `addToolResult`). `submitted`: a request is out and nothing of the reply
 * shows yet. `streaming`: the reply is arriving, or its tools are running. `error`: the last run failed; `retry()`.
 */
export type ChatStatus = "ready" | "submitted" | "streaming" | "error";

/**
 * How a run ended. `disconnected`: the reply had begun and the stream broke or ended before `message-end`;
 * `error`: the request failed before the reply began, the model reported `ERROR`, or a tool loop step failed so.
 * The reply's `status` says the same once it is no longer `streaming`.
 */
export type FinishReasonKind = "complete" | "stopped" | "error" | "disconnected";

/** What to do with `send` (and `edit`, `regenerate`, `retry`) while a run is busy or tool results are awaited. */
export type BusyPolicy = "reject" | "queue" | "interrupt";

/** A user turn. `documents` go to the request's top-level `documents` (RAG), for this and every later request. */
export interface UserUIMessage {
  readonly id: string;
  readonly role: "user";
  readonly content: UserContent;
  readonly documents?: Array<string | Document>;
}

/** A system turn in the transcript: instructions sent to the model in place, as they appear in `messages`. */
export interface SystemUIMessage {
  readonly id: string;
  readonly role: "system";
  readonly content: SystemContent;
}

/**
 * A tool's answer in the transcript: the result of the call named by `tool_call_id`, from `execute` or
 * `addToolResult`, as it was sent back to the model.
 */
export interface ToolUIMessage {
  readonly id: string;
  readonly role: "tool";
  readonly tool_call_id: string;
  readonly content: ToolContent;
}

/**
 * An assistant reply, shaped like the wire's assistant message (so `messageText()` reads it) plus what the stream
 * said about it. Parts and arrays that did not change between snapshots keep their identity.
 */
export interface AssistantUIMessage {
  readonly id: string;
  readonly role: "assistant";
  readonly content: Array<TextContent | ThinkingContent>;
  readonly tool_plan?: string;
  readonly tool_calls?: ToolCall[];
  readonly citations?: Citation[];
  /** The server's id for this reply (`message-start`); the UI id above never changes. */
  readonly response_id?: string;
  readonly finish_reason?: FinishReason;
  readonly usage?: Usage;
  readonly status: "streaming" | FinishReasonKind;
}

/**
 * One entry of the chat's transcript (`snapshot.messages`), told apart by `role`. Each has an id that never
 * changes, so a list can key on it, and is shaped like the wire's message so `messageText()` reads it.
 */
export type UIMessage = UserUIMessage | SystemUIMessage | AssistantUIMessage | ToolUIMessage;

/** A message for `setMessages` or `options.messages`: a UI message, or any wire-shaped message (an id is added). */
export type MessageInput =
  | UIMessage
  | (Omit<UserUIMessage, "id"> & { id?: string })
  | (Omit<SystemUIMessage, "id"> & { id?: string })
  | (Omit<ToolUIMessage, "id"> & { id?: string })
  | {
      id?: string;
      role: "assistant";
      content?: string | Array<TextContent | ThinkingContent>;
      tool_plan?: string;
      tool_calls?: ToolCall[];
      citations?: Citation[];
      status?: AssistantUIMessage["status"];
      finish_reason?: FinishReason;
      usage?: Usage;
    };

/** What `send` accepts besides plain text. */
export interface SendInput {
  content: UserContent;
  documents?: Array<string | Document>;
}

/** An immutable view of the chat. A new object only when something in it changed. */
export interface ChatSnapshot {
  readonly messages: readonly UIMessage[];
  readonly status: ChatStatus;
  readonly error: Error | undefined;
  /** Tool calls of the last reply that wait for `addToolResult` (tools without `execute`). */
  readonly pendingToolCalls: readonly ToolCall[];
  /** User turns waiting to be sent (busy policy `queue`); each keeps its id when it moves into `messages`. */
  readonly queued: readonly UserUIMessage[];
}

/**
 * What a tool's `execute` gets besides its arguments: the call itself, a signal to stop work the user no longer
 * waits for, and the transcript as it stood when the call came.
 */
export interface ToolContext {
  toolCall: ToolCall;
  /** Aborted when the chat is stopped, interrupted or reset. */
  signal: AbortSignal;
  messages: readonly UIMessage[];
}

/**
 * A tool the model may call. With `execute`, the chat runs it and sends its result back; without, the chat waits for
 * `addToolResult`. A result that is a string is sent as it is; an object (or array of objects) as document parts,
 * which Cohere can cite; anything else wrapped as `{ value }` (see `toolResult`).
 */
export interface ChatTool<Args = Record<string, unknown>> {
  description?: string;
  /** JSON Schema of the arguments. @default { type: "object", properties: {} } */
  parameters?: Record<string, unknown>;
  /**
   * Runs the tool with the model's arguments (parsed from JSON, not checked against `parameters`) and returns its
   * result, or a promise of it. A throw is sent to the model as the result `{ error: message }`, so it can recover.
   */
  // Method syntax on purpose: it keeps a tool typed with its own `Args` assignable to `ChatOptions.tools`.
  execute?(args: Args, context: ToolContext): unknown;
}

/** Request fields the chat passes through as they are. */
export type ChatParams = Omit<ChatRequest, "model" | "messages" | "stream" | "tools">;

/**
 * The one thing the chat needs from a client: `ClientV2` fits. A stream with `snapshot()` (as `ChatStream` has)
 * hands the chat the reply it has already assembled; for any other `AsyncIterable` of events the chat assembles the
 * reply itself.
 */
export interface ChatClient {
  /** Starts one streamed chat request: resolves with its events, or rejects when it fails before the stream begins. */
  chatStream(
    request: ChatRequest,
    options?: { signal?: AbortSignal; headers?: Record<string, string> },
  ): Promise<
    AsyncIterable<StreamEvent> & {
      /** The reply assembled so far, when the stream keeps one (`ChatStream` does); otherwise the store assembles it. */
      snapshot?(): ReplySnapshot;
    }
  >;
}

/** How a run ended, told to `onFinish` next to the last reply: the reason, the error if any, the transcript. */
export interface FinishInfo {
  reason: FinishReasonKind;
  /** Set when `reason` is `error` or `disconnected`. */
  error?: Error;
  messages: readonly UIMessage[];
}

/** Every option but `id` and `messages` is read when a request starts, so `setOptions` changes the next request. */
export interface ChatOptions {
  client: ChatClient;
  model: string;
  /** @default a generated id */
  id?: string | undefined;
  /** The conversation to start from. @default [] */
  messages?: readonly MessageInput[] | undefined;
  /** Sent as the first message of every request; not part of `messages`. */
  system?: SystemContent | undefined;
  /** Request fields such as `temperature`, `max_tokens`, `documents`, `citation_options`, `thinking`. */
  params?: ChatParams | undefined;
  tools?: Record<string, ChatTool> | undefined;
  /** Extra HTTP headers, or a function read for each request. */
  headers?: (Record<string, string> | (() => Record<string, string>)) | undefined;
  /** Extra request body fields (for proxies), or a function read for each request. */
  body?: (Record<string, unknown> | (() => Record<string, unknown>)) | undefined;
  /** Requests one run may make while tools with `execute` keep answering. @default 5 */
  maxSteps?: number | undefined;
  /** @default "reject" */
  busy?: BusyPolicy | undefined;
  /**
   * Shortest wait between two published snapshots while streaming; 0 publishes every event. The first token shows at
   * once; a status change that follows a throttled snapshot waits until this much time has passed since it, so no
   * two snapshots land in the same frame. @default 1000 / 60
   */
  throttleMs?: number | undefined;
  /** Message ids. @default random ids */
  generateId?: (() => string) | undefined;
  /**
   * Called once per run with its last reply (a reply that never began is not in `messages`), once the snapshot with
   * the run's final status is published.
   */
  onFinish?: ((reply: AssistantUIMessage, info: FinishInfo) => void) | undefined;
}

/**
 * A chat store (`createChat`): the transcript and status of one conversation, the actions that change it, and a
 * subscription for UIs. Framework-free: `@parley/react`'s hooks bind it, and any other UI can through
 * `subscribe` and `getSnapshot`.
 */
export interface Chat {
  readonly id: string;
  /** The current state, immutable: the same object until something changes (what `useSyncExternalStore` needs). */
  getSnapshot(): ChatSnapshot;
  /** Called after each published snapshot. Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * Adds the user turn at once and streams the reply. Resolves when the run has ended and its final snapshot is
   * published (failures land in `error`); rejects only on misuse, e.g. when busy under policy `reject`.
   */
  send(input: string | SendInput): Promise<void>;
  /** Synchronously ends the run: `ready`, request aborted, partial reply kept and marked `stopped`, queue cleared. */
  stop(): void;
  /** Drops the reply (the last one, or the one with `messageId`) and everything after it, and asks again. */
  regenerate(messageId?: string): Promise<void>;
  /** Replaces a user turn's content, drops what followed, and asks again. */
  edit(messageId: string, content: UserContent): Promise<void>;
  /** After an error: drops the failed partial reply and repeats the request, without a second user turn. */
  retry(): Promise<void>;
  /** Answers a tool call; once every call of the reply is answered, the run continues. Repeats are ignored. */
  addToolResult(toolCallId: string, result: unknown): void;
  /** Replaces the transcript (stopping a run first). */
  setMessages(
    messages: readonly MessageInput[] | ((current: readonly UIMessage[]) => readonly MessageInput[]),
  ): void;
  /** Stops, and empties messages, error and queue. */
  reset(): void;
  /** Changes options for the next request. `id` and `messages` are ignored here. */
  setOptions(options: Partial<ChatOptions>): void;
}
