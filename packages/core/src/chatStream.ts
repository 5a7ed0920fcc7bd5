import { type ReplyDraft, toChatResponse } from "./accumulate";
import { DEFAULT_STREAM_IDLE_TIMEOUT_MS } from "./defaults";
import { AbortError, ParleyError, StreamError, TimeoutError } from "./errors";
import { createAssemblyGrammar } from "./grammar";
import { messageText } from "./messageText";
import { createReplyBuilder } from "./replyBuilder";
import { linkSignal, noop } from "./signals";
import { createSseDecoder, DONE, parseStreamEvent, type SseMessage } from "./sse";
import { MAX_TIMER_MS } from "./timers";
import type { ChatResponse, StreamEvent } from "./types";

/** What `ChatStream.snapshot()` returns: the reply so far, with `started`/`ended` flags for message-start/-end. */
export type ReplySnapshot = ReplyDraft;

export interface ChatStreamOptions {
  /** Aborts the stream: reading rejects with `AbortError` at once. */
  signal?: AbortSignal;
  /**
   * Milliseconds the body may stay silent while the stream waits for its next chunk.
   * @default 60000
   */
  streamIdleTimeoutMs?: number;
  /** The controller whose signal the request was sent with; aborted when the stream ends early. */
  controller?: AbortController;
}

/**
 * A streamed reply: a single-use `AsyncIterable` of typed events, in the order they came. Leaving a `for await`
 * early cancels the request. `finalResponse()` resolves to the same shape `chat()` returns.
 *
 * A stream that ends without `message-end`, breaks, carries invalid JSON or cannot be assembled raises
 * `StreamError` with the partial reply attached. `message-end` with `finish_reason: "ERROR"` is a normal end:
 * the reply carries `error`, as `chat()`'s would.
 */
export class ChatStream implements AsyncIterable<StreamEvent> {
  /** The HTTP response, for its headers (`x-debug-trace-id` is Cohere's request id). Its body is the stream's. */
  readonly response: Response;
  readonly #controller: AbortController;
  readonly #idleMs: number;
  readonly #unlink: () => void;
  readonly #result: Promise<ChatResponse>;
  #resolve!: (reply: ChatResponse) => void;
  #reject!: (error: unknown) => void;
  /** The reply so far: the one reducer runs as events come, so nothing but the reply is kept. */
  readonly #reply = createReplyBuilder();
  #used = false;
  /** The idle timer of the pending read. */
  #idle: ReturnType<typeof setTimeout> | undefined;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;

  constructor(response: Response, options: ChatStreamOptions = {}) {
    this.response = response;
    this.#idleMs = options.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS;
    this.#result = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#result.catch(noop); // a failure nobody asked about is not an unhandled rejection
    const controller = options.controller ?? new AbortController();
    this.#controller = controller;
    // Cancelling the body ends a pending read at once, even when the fetch behind it ignores its signal.
    const cancel = () => {
      (this.#reader ?? (response.body?.locked ? undefined : response.body))?.cancel().catch(noop);
    };
    // (Already aborted, the first read throws before it takes the reader, and cancel finds the body unlocked.)
    controller.signal.addEventListener("abort", cancel, { once: true });
    if (controller.signal.aborted) cancel();
    this.#unlink = linkSignal(options.signal, controller);
  }

  [Symbol.asyncIterator](): AsyncIterator<StreamEvent> {
    if (this.#used) {
      throw new ParleyError("A ChatStream can be iterated only once; after the loop, use finalResponse()");
    }
    this.#used = true;
    return this.#read();
  }

  /**
   * The reply assembled so far, from the events read until now: immutable, and parts that did not change keep
   * their identity, so a UI can build what it shows from it once a frame instead of once an event.
   */
  snapshot(): ReplySnapshot {
    return this.#reply.draft();
  }

  /** The assembled reply, once the stream has ended; reads the stream itself if nothing else does. */
  finalResponse(): Promise<ChatResponse> {
    if (!this.#used) void this.#drain();
    return this.#result;
  }

  /** The reply's text (its `text` parts joined; thinking left out), once the stream has ended. */
  async text(): Promise<string> {
    return messageText((await this.finalResponse()).message);
  }

  /** The events as a web `ReadableStream`; cancelling it cancels the request. */
  toReadableStream(): ReadableStream<StreamEvent> {
    const iterator = this[Symbol.asyncIterator]();
    return new ReadableStream<StreamEvent>({
      pull: async (controller) => {
        const { done, value } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: async () => {
        // Abort first: a pending read must end before the generator can return.
        this.abort();
        await iterator.return?.();
      },
    });
  }

  /** Stops the stream and the request: reading rejects with `AbortError`. Does nothing once it has ended. */
  abort(reason?: unknown): void {
    this.#controller.abort(new AbortError("The stream was aborted", { cause: reason }));
  }

  async #drain(): Promise<void> {
    try {
      for await (const _ of this);
    } catch {} // the error reaches the caller through #result
  }

  async *#read(): AsyncGenerator<StreamEvent, void, undefined> {
    const signal = this.#controller.signal;
    let ended = false;
    try {
      if (signal.aborted) throw signal.reason;
      const reader = this.response.body?.getReader();
      this.#reader = reader;
      const messages: SseMessage[] = [];
      const decoder = createSseDecoder((message) => messages.push(message));
      const grammar = createAssemblyGrammar();
      const idleMs = this.#idleMs;
      const silent = () =>
        this.#controller.abort(
          new TimeoutError(`The stream was silent for ${idleMs} ms (streamIdleTimeoutMs)`),
        );
      let done = false;
      while (reader && !done) {
        // The idle clock runs only while a read waits: a slow consumer is not a silent server. A timer per chunk
        // (not per event) costs nothing next to the parsing, and aborting cancels the pending read at once.
        if (Number.isFinite(idleMs)) this.#idle = setTimeout(silent, Math.min(idleMs, MAX_TIMER_MS));
        const chunk = await reader.read();
        clearTimeout(this.#idle);
        if (signal.aborted) throw signal.reason;
        if (chunk.done) {
          decoder.end();
          done = true; // the byte stream is over; `[DONE]` may or may not have come
        } else {
          decoder.push(chunk.value);
        }
        for (let i = 0; i < messages.length; i++) {
          if (signal.aborted) throw signal.reason; // abort() stops the events already read, too
          const event = parseStreamEvent(messages[i]!);
          if (event === DONE) {
            // `[DONE]` is the end, whatever else the server sends or however long it keeps the connection.
            done = true;
            reader.cancel().catch(noop);
            break;
          }
          const violation = grammar.feed(event);
          if (violation?.fatal) throw new StreamError(`Malformed stream: ${violation.message}`);
          this.#reply.add(event);
          yield event;
        }
        messages.length = 0;
      }
      const violation = grammar.end();
      if (violation?.fatal) {
        throw new StreamError(`Incomplete stream: ${violation.message}`, { kind: "incomplete" });
      }
      ended = true;
      this.#resolve(toChatResponse(this.#reply.draft()));
    } catch (error) {
      const failure = this.#failure(error);
      ended = true;
      this.#controller.abort(failure); // a malformed stream must not keep its connection open
      this.#reject(failure);
      throw failure;
    } finally {
      clearTimeout(this.#idle);
      this.#unlink();
      if (!ended) {
        // The consumer left early (a `break`, a `return`, or an exception in its loop body). A reply whose
        // message-end had come is complete all the same.
        const closed = new AbortError("The stream was closed early");
        const draft = this.#reply.draft();
        this.#controller.abort(closed);
        if (draft.ended) this.#resolve(toChatResponse(draft));
        else this.#reject(closed);
      }
    }
  }

  /** What to raise for `error`: the abort or timeout that caused it, else a `StreamError` with the partial reply. */
  #failure(error: unknown): ParleyError {
    const signal = this.#controller.signal;
    // Everything that aborts this controller gives a ParleyError as its reason: abort(), the caller's signal
    // (through linkSignal), the timeouts and an early exit from the loop.
    if (signal.aborted) return signal.reason as ParleyError;
    const partial = toChatResponse(this.#reply.draft());
    if (error instanceof StreamError) {
      error.partial ??= partial; // the parser and the grammar raise it before the reply is known
      return error;
    }
    const detail = (error as { message?: unknown } | null)?.message ?? error;
    return new StreamError(`The stream broke: ${String(detail)}`, { cause: error, partial, kind: "broken" });
  }
}
