import { accumulate, createReplyDraft, type ReplyDraft, toChatResponse } from "./accumulate";
import { toolResult } from "./builders";
import { callTool } from "./callTool";
import { ChatBusyError } from "./chatBusyError";
import {
  createIdGenerator,
  hasVisibleContent,
  toReplyMessage,
  unansweredToolCalls,
  withStatus,
} from "./chatMessage";
import { buildChatRequest } from "./chatRequest";
import type {
  AssistantUIMessage,
  Chat,
  ChatOptions,
  ChatSnapshot,
  FinishReasonKind,
  SendInput,
  ToolUIMessage,
  UIMessage,
  UserUIMessage,
} from "./chatTypes";
import { ConnectionError, StreamError, TimeoutError, ValidationError } from "./errors";
import { parseChatMessages } from "./parseChatMessages";
import { createThrottle } from "./throttle";
import type { ToolCall, ToolContent, UserContent } from "./types";

/** One frame of a 60 Hz screen. */
const FRAME_MS = 1000 / 60;
const BUSY_POLICIES = new Set(["reject", "queue", "interrupt"]);
const NONE: readonly never[] = /* @__PURE__ */ Object.freeze([]);

/** One request-and-tools loop started by send, edit, regenerate, retry or a completed set of tool results. */
interface Run {
  readonly controller: AbortController;
  /** The reply of the current step; a placeholder until the response shows something. */
  reply: AssistantUIMessage;
  /** Whether `reply` is in `messages` yet. */
  inserted: boolean;
  steps: number;
  settle(): void;
}

interface Outcome {
  reason: FinishReasonKind;
  error?: Error;
}

interface Queued {
  message: UserUIMessage;
  settle(): void;
}

type Publish = "now" | "soon" | "none";

/**
 * A framework-agnostic store for one conversation. Snapshots are immutable and published at most once per
 * `throttleMs` while streaming, and at once on every status change; bind it with `subscribe` and `getSnapshot`.
 */
export function createChat(initialOptions: ChatOptions): Chat {
  checkOptions(initialOptions);
  let options: ChatOptions = { ...initialOptions };
  const defaultId = createIdGenerator();
  const nextId = () => (options.generateId ?? defaultId)();
  const id = initialOptions.id ?? defaultId();

  const messages = parseChatMessages(initialOptions.messages ?? [], nextId, "options.messages");
  let state: ChatSnapshot = Object.freeze({
    messages: Object.freeze(messages),
    status: "ready",
    error: undefined,
    pendingToolCalls: unansweredToolCalls(messages),
    queued: NONE,
  });
  let published = state;
  const listeners = new Set<() => void>();
  let run: Run | undefined;
  let queue: Queued[] = [];

  const throttle = createThrottle(
    () => {
      if (published === state) return;
      published = state;
      for (const listener of [...listeners]) guard(listener);
    },
    () => options.throttleMs ?? FRAME_MS,
  );

  /** Writes the working state; `mode` says when subscribers see it. A patch that changes nothing is dropped. */
  function update(patch: Partial<ChatSnapshot>, mode: Publish): void {
    const next: { -readonly [K in keyof ChatSnapshot]: ChatSnapshot[K] } = { ...state, ...patch };
    const pending = run ? NONE : unansweredToolCalls(next.messages);
    next.pendingToolCalls = sameItems(pending, state.pendingToolCalls) ? state.pendingToolCalls : pending;
    if ((Object.keys(next) as Array<keyof ChatSnapshot>).every((key) => next[key] === state[key])) {
      if (mode === "now") throttle.flush();
      return;
    }
    if (next.messages !== state.messages) Object.freeze(next.messages);
    state = Object.freeze(next);
    if (mode === "now") throttle.flush();
    else if (mode === "soon") throttle.schedule();
  }

  function setMessage(message: UIMessage, mode: Publish): void {
    const messages = state.messages;
    let index = messages.length - 1;
    while (index >= 0 && messages[index]?.id !== message.id) index--;
    if (index < 0) return;
    const copy = messages.slice();
    copy[index] = message;
    update({ messages: copy }, mode);
  }

  function isBusy(): boolean {
    return run !== undefined || state.pendingToolCalls.length > 0;
  }

  function busyError(action: string): ChatBusyError {
    if (run) {
      return new ChatBusyError(
        `${action} while the chat is ${state.status}: busy policy "reject" refuses it. ` +
          `Wait for status "ready", call stop(), or create the chat with busy: "queue" or "interrupt".`,
      );
    }
    const ids = state.pendingToolCalls.map((call) => call.id).join(", ");
    return new ChatBusyError(
      `${action} while the chat waits for tool results (${ids}): answer them with addToolResult(), ` +
        `or call stop() to abandon them.`,
    );
  }

  /**
   * Applies the busy policy, then `prepare` (which edits the transcript and must set `submitted`), then runs.
   * Misuse rejects the promise; nothing a request does ever does.
   */
  function begin(action: string, prepare: () => void, queueable?: UserUIMessage): Promise<void> {
    try {
      if (isBusy()) {
        const policy = options.busy ?? "reject";
        if (policy === "queue" && queueable) {
          return new Promise((settle) => {
            queue.push({ message: queueable, settle });
            update({ queued: queue.map((item) => item.message) }, "now");
          });
        }
        if (policy !== "interrupt") throw busyError(action);
        halt();
      }
      prepare();
      return startRun();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  function startRun(): Promise<void> {
    return new Promise<void>((settle) => {
      const r: Run = {
        controller: new AbortController(),
        reply: placeholder(),
        inserted: false,
        steps: 0,
        settle,
      };
      run = r;
      loop(r).catch((error: unknown) => {
        // A bug or a throwing option getter must not leave the chat stuck in "streaming".
        if (run === r) finish(r, { reason: "error", error: asError(error) });
      });
    });
  }

  function placeholder(): AssistantUIMessage {
    return { id: nextId(), role: "assistant", content: [], status: "streaming" };
  }

  async function loop(r: Run): Promise<void> {
    for (;;) {
      r.steps++;
      const outcome = await step(r);
      if (run !== r) return;
      if (outcome.reason !== "complete") {
        finish(r, outcome);
        return;
      }

      const tools = options.tools ?? {};
      const calls = unansweredToolCalls(state.messages).filter(
        (call) => typeof tools[call.function.name]?.execute === "function",
      );
      if (calls.length === 0) return finish(r, outcome);
      update({}, "now"); // show the finished tool calls while they run
      const results = await Promise.all(calls.map((call) => runTool(r, call)));
      if (run !== r) return;
      // No publish of its own: the next status change (submitted, or ready) shows the results with it.
      appendToolResults(
        calls.map((call, i) => [call.id, results[i] as ToolContent]),
        "none",
      );
      if (unansweredToolCalls(state.messages).length > 0 || r.steps >= (options.maxSteps ?? 5)) {
        return finish(r, outcome);
      }
    }
  }

  /** One request: streams one reply through the reducer into `messages`. */
  async function step(r: Run): Promise<Outcome> {
    if (r.steps > 1) {
      r.reply = placeholder();
      r.inserted = false;
    }
    update({ status: "submitted", error: undefined }, "now");
    let draft = createReplyDraft();
    // True while the stream itself is being read, so a failure there can count as a disconnect.
    let iterating = false;
    try {
      const request = buildChatRequest(state.messages, options);
      const headers = typeof options.headers === "function" ? options.headers() : options.headers;
      const stream = await options.client.chatStream(request, { signal: r.controller.signal, headers });
      iterating = true;
      for await (const event of stream) {
        if (run !== r) break; // leaving the loop closes the stream
        iterating = false;
        const next = accumulate(draft, event);
        iterating = true;
        if (next === draft) continue;
        draft = next;
        // message-end changes only usage and finish reason: settleReply shows them with the final status.
        if (!draft.ended) showReply(r, toReplyMessage(r.reply.id, draft, "streaming"));
      }
    } catch (error) {
      if (run !== r) return { reason: "stopped" };
      const reason = iterating && draft.started && isDisconnect(error) ? "disconnected" : "error";
      settleReply(r, draft, reason);
      return { reason, error: asError(error) };
    }
    if (run !== r) return { reason: "stopped" };
    if (!draft.ended) {
      settleReply(r, draft, "disconnected");
      const partial = toChatResponse(draft);
      return {
        reason: "disconnected",
        error: new StreamError("The stream ended before message-end", { partial, kind: "incomplete" }),
      };
    }
    if (draft.finish_reason === "ERROR") {
      settleReply(r, draft, "error");
      const partial = toChatResponse(draft);
      const message = `The model failed while generating: ${draft.error ?? "no reason given"}`;
      return { reason: "error", error: new StreamError(message, { partial }) };
    }
    settleReply(r, draft, "complete");
    return { reason: "complete" };
  }

  /** Streams the reply in place; it enters `messages` (and status turns `streaming`) once it shows something. */
  function showReply(r: Run, reply: AssistantUIMessage): void {
    r.reply = reply;
    if (r.inserted) setMessage(reply, "soon");
    else if (hasVisibleContent(reply)) {
      r.inserted = true;
      update({ messages: [...state.messages, reply], status: "streaming" }, "now"); // the first token shows at once
    }
  }

  /** Gives the step's reply its final status. A reply that never showed anything enters only when complete. */
  function settleReply(r: Run, draft: ReplyDraft, status: FinishReasonKind): void {
    r.reply = toReplyMessage(r.reply.id, draft, status);
    if (r.inserted) setMessage(r.reply, "none");
    else if (status === "complete") {
      r.inserted = true;
      update({ messages: [...state.messages, r.reply] }, "none");
    }
  }

  function runTool(r: Run, call: ToolCall): Promise<ToolContent> {
    const context = { toolCall: call, signal: r.controller.signal, messages: state.messages };
    return callTool(options.tools?.[call.function.name], call, context);
  }

  function appendToolResults(
    results: Array<[toolCallId: string, content: ToolContent]>,
    mode: Publish,
  ): void {
    const answered = new Set(state.messages.flatMap((m) => (m.role === "tool" ? [m.tool_call_id] : [])));
    const added: ToolUIMessage[] = [];
    for (const [toolCallId, content] of results) {
      if (answered.has(toolCallId)) continue;
      answered.add(toolCallId);
      added.push({ id: nextId(), role: "tool", tool_call_id: toolCallId, content });
    }
    if (added.length > 0) update({ messages: [...state.messages, ...added] }, mode);
  }

  function finish(r: Run, outcome: Outcome): void {
    run = undefined;
    update({ status: outcome.error ? "error" : "ready", error: outcome.error }, "now");
    const info = {
      reason: outcome.reason,
      messages: state.messages,
      ...(outcome.error && { error: outcome.error }),
    };
    if (options.onFinish) guard(() => options.onFinish?.(r.reply, info));
    r.settle();
    // A queued turn followed the one before it; when that one fails, sending it anyway would answer out of turn.
    if (outcome.reason === "complete") drain();
    else if (queue.length > 0) clearQueue();
  }

  function drain(): void {
    const next = queue[0];
    if (!next || isBusy()) return;
    queue = queue.slice(1);
    update(
      {
        messages: [...state.messages, next.message],
        queued: queue.map((item) => item.message),
        status: "submitted",
        error: undefined,
      },
      "now",
    );
    startRun().then(next.settle);
  }

  /** Ends the run (or abandons awaited tool calls) as `stopped`; leaves the queue alone. */
  function halt(): void {
    const r = run;
    if (!r) {
      const reply = state.pendingToolCalls.length > 0 ? lastReply() : undefined;
      if (reply) setMessage(withStatus(reply, "stopped"), "now");
      return;
    }
    run = undefined;
    r.controller.abort();
    r.reply = withStatus(r.reply, "stopped");
    if (r.inserted) setMessage(r.reply, "none");
    update({ status: "ready", error: undefined }, "now");
    const info = { reason: "stopped" as const, messages: state.messages };
    if (options.onFinish) guard(() => options.onFinish?.(r.reply, info));
    r.settle();
  }

  function lastReply(): AssistantUIMessage | undefined {
    for (let i = state.messages.length - 1; i >= 0; i--) {
      const message = state.messages[i];
      if (message?.role === "assistant") return message;
    }
    return undefined;
  }

  function clearQueue(): void {
    const dropped = queue;
    queue = [];
    update({ queued: NONE }, "now");
    for (const item of dropped) item.settle();
  }

  function indexOf(messageId: string, role: UIMessage["role"], action: string): number {
    const index = state.messages.findIndex((message) => message.id === messageId);
    if (index < 0) throw new ValidationError(`${action}: messageId`, `no message has id "${messageId}"`);
    const found = state.messages[index]?.role;
    if (found !== role) {
      throw new ValidationError(
        `${action}: messageId`,
        `message "${messageId}" is a ${found} message, not ${role}`,
      );
    }
    return index;
  }

  const chat: Chat = {
    id,
    getSnapshot: () => published,
    subscribe(listener) {
      if (typeof listener !== "function")
        throw new TypeError("subscribe(listener): listener must be a function");
      const entry = () => listener();
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },

    send(input) {
      let message: UserUIMessage;
      try {
        message = toUserMessage(input, nextId());
      } catch (error) {
        return Promise.reject(error);
      }
      return begin(
        "send()",
        () =>
          update({ messages: [...state.messages, message], status: "submitted", error: undefined }, "now"),
        message,
      );
    },

    stop() {
      halt();
      if (queue.length > 0) clearQueue();
    },

    regenerate(messageId) {
      if (messageId !== undefined) {
        try {
          indexOf(messageId, "assistant", "regenerate()");
        } catch (error) {
          return Promise.reject(error);
        }
      } else if (state.messages.length === 0) {
        return Promise.reject(
          new ValidationError("regenerate()", "there is no message to regenerate a reply for"),
        );
      }
      return begin("regenerate()", () => {
        const messages = state.messages;
        let cut = messages.length;
        if (messageId !== undefined) cut = indexOf(messageId, "assistant", "regenerate()");
        else if (messages.at(-1)?.role === "assistant") cut = messages.length - 1;
        update({ messages: messages.slice(0, cut), status: "submitted", error: undefined }, "now");
      });
    },

    edit(messageId, content) {
      try {
        checkUserContent(content, "edit(): content");
        indexOf(messageId, "user", "edit()");
      } catch (error) {
        return Promise.reject(error);
      }
      return begin("edit()", () => {
        const index = indexOf(messageId, "user", "edit()");
        const edited = { ...(state.messages[index] as UserUIMessage), content };
        update(
          { messages: [...state.messages.slice(0, index), edited], status: "submitted", error: undefined },
          "now",
        );
      });
    },

    retry() {
      if (state.status !== "error") {
        return Promise.reject(
          new ValidationError(
            "retry()",
            `nothing failed to retry: the status is "${state.status}", not "error"`,
          ),
        );
      }
      return begin("retry()", () => {
        const last = state.messages.at(-1);
        const failed =
          last?.role === "assistant" && (last.status === "error" || last.status === "disconnected");
        const messages = failed ? state.messages.slice(0, -1) : state.messages;
        update({ messages, status: "submitted", error: undefined }, "now");
      });
    },

    addToolResult(toolCallId, result) {
      if (state.messages.some((m) => m.role === "tool" && m.tool_call_id === toolCallId)) return;
      if (!unansweredToolCalls(state.messages).some((call) => call.id === toolCallId)) {
        throw new ValidationError(
          "addToolResult(): toolCallId",
          `no tool call "${toolCallId}" of the last reply waits for a result`,
        );
      }
      appendToolResults([[toolCallId, toolResult(toolCallId, result).content]], "none");
      if (!run && unansweredToolCalls(state.messages).length === 0) {
        update({ status: "submitted", error: undefined }, "now");
        void startRun();
      } else {
        update({}, "now");
      }
    },

    setMessages(input) {
      halt();
      const next = typeof input === "function" ? input(state.messages) : input;
      if (!Array.isArray(next)) throw new ValidationError("setMessages()", "messages must be an array");
      const messages = parseChatMessages(next, nextId, "setMessages(): messages");
      update({ messages }, "now");
    },

    reset() {
      chat.stop();
      update({ messages: NONE, status: "ready", error: undefined }, "now");
    },

    setOptions(patch) {
      const { id: _id, messages: _messages, ...rest } = patch;
      const next = { ...options, ...rest };
      checkOptions(next);
      options = next;
    },
  };
  return chat;
}

function toUserMessage(input: string | SendInput, id: string): UserUIMessage {
  if (typeof input === "string") {
    checkUserContent(input, "send(): text");
    return { id, role: "user", content: input };
  }
  if (typeof input !== "object" || input === null) {
    throw new ValidationError("send()", "input must be text or { content, documents? }");
  }
  checkUserContent(input.content, "send(): content");
  if (input.documents === undefined) return { id, role: "user", content: input.content };
  if (!Array.isArray(input.documents)) throw new ValidationError("send(): documents", "must be an array");
  return { id, role: "user", content: input.content, documents: input.documents };
}

function checkUserContent(content: UserContent, path: string): void {
  if (typeof content === "string") {
    if (content === "") throw new ValidationError(path, "must not be empty");
  } else if (!Array.isArray(content) || content.length === 0) {
    throw new ValidationError(
      path,
      "must be a non-empty string or a non-empty array of text and image_url parts",
    );
  }
}

function checkOptions(options: ChatOptions): void {
  if (typeof options !== "object" || options === null)
    throw new ValidationError("options", "must be an object");
  if (typeof options.client?.chatStream !== "function") {
    throw new ValidationError("options.client", "must have a chatStream() method (a ClientV2)");
  }
  // An empty model is allowed here: a model field being edited passes through "" on its way to a new name. The
  // request's own validation refuses it when a send uses it, and the chat shows that error.
  if (typeof options.model !== "string") throw new ValidationError("options.model", "must be a string");
  const { maxSteps, throttleMs, busy } = options;
  if (maxSteps !== undefined && !(Number.isInteger(maxSteps) && maxSteps >= 1)) {
    throw new ValidationError("options.maxSteps", "must be a whole number of at least 1");
  }
  if (throttleMs !== undefined && !(Number.isFinite(throttleMs) && throttleMs >= 0)) {
    throw new ValidationError("options.throttleMs", "must be a finite number of milliseconds, 0 or more");
  }
  if (busy !== undefined && !BUSY_POLICIES.has(busy)) {
    throw new ValidationError("options.busy", 'must be "reject", "queue" or "interrupt"');
  }
}

/**
 * Whether a failure while reading cut off a reply that had begun: a dropped connection, a silent one, or a stream
 * that broke or ended early. A malformed stream is an error of the server's, not a disconnect.
 */
function isDisconnect(error: unknown): boolean {
  return (
    error instanceof ConnectionError ||
    error instanceof TimeoutError ||
    (error instanceof StreamError && error.kind !== "malformed")
  );
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Runs a user callback; its exception surfaces as an uncaught error without breaking the store. */
function guard(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
