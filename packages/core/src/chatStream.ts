import { type ReplyDraft, toChatResponse } from "./accumulate";
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_STREAM_IDLE_TIMEOUT_MS } from "./defaults";
import { AbortError, ParleyError, StreamError, TimeoutError } from "./errors";
import { createAssemblyGrammar } from "./grammar";
import { messageText } from "./messageText";
import { tooLarge } from "./readText";
import { redactError } from "./redact";
import { createReplyBuilder } from "./replyBuilder";
import { linkSignal, noop } from "./signals";
import { createSseDecoder, DONE, parseStreamEvent, type SseMessage } from "./sse";
import { MAX_TIMER_MS } from "./timers";
import type { ChatResponse, StreamEvent } from "./types";

/** What `ChatStream.snapshot()` returns: the reply so far, with `started`/`ended` flags for message-start/-end. */
export type ReplySnapshot = ReplyDraft;

/**
 * Options of the `ChatStream` constructor: how it reads a streamed response. `chatStream()` fills them in from the
 * client's and the call's options; they matter only to code that builds a `ChatStream` over a `Response` itself.
 */
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
  /**
   * Bytes the body may hold; past them the request is aborted and reading rejects with `StreamError` of kind
   * `too-large`.
   * @default 33554432 (32 MiB)
   */
  maxResponseBytes?: number;
  /** A secret (the API key the request was sent with) to cut out of every error, as `***`. @default undefined */
  redact?: string;
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
  readonly #max: number;
  readonly #secret: string | undefined;
  /** Bytes read so far. */
  #size = 0;
  /** The body read so far, once its first byte showed it is JSON or HTML rather than an event stream. */
  #other: string | undefined;
  readonly #unlink: () => void;
  readonly #result: Promise<ChatResponse>;
  #resolve!: (reply: ChatResponse) => void;
  #reject!: (error: unknown) => void;
  /** The reply so far: the one reducer runs as events come, so nothing but the reply is kept. */
  readonly #reply = createReplyBuilder();
  readonly #grammar = createAssemblyGrammar();
  /** Events decoded from the chunks read so far; those from `#at` on have not been handed out yet. */
  readonly #messages: SseMessage[] = [];
  readonly #decoder = createSseDecoder((message) => this.#messages.push(message));
  #at = 0;
  #used = false;
  #state = READING;
  /** Mirrors the controller's signal: a field read per event is cheaper than the signal's getter. */
  #aborted = false;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  /** Whether a `next()` is waiting for the body; `#pending` is its promise. */
  #busy = false;
  #pending: Promise<IteratorResult<StreamEvent, undefined>> | undefined;
  /** When the read in progress started (epoch ms); undefined while no read waits. */
  #waitingSince: number | undefined;
  /** The idle timer. One per `streamIdleTimeoutMs` rather than one per chunk: it re-arms itself from `#waitingSince`. */
  #idle: ReturnType<typeof setTimeout> | undefined;

  constructor(response: Response, options: ChatStreamOptions = {}) {
    this.response = response;
    this.#idleMs = options.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS;
    this.#max = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#secret = options.redact;
    this.#result = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#result.catch(noop); // a failure nobody asked about is not an unhandled rejection
    const controller = options.controller ?? new AbortController();
    this.#controller = controller;
    // Cancelling the body ends a pending read at once, even when the fetch behind it ignores its signal.
    const cancel = () => {
      this.#aborted = true;
      (this.#reader ?? (response.body?.locked ? undefined : response.body))?.cancel().catch(noop);
    };
    // (Already aborted, the first read throws before it takes the reader, and cancel finds the body unlocked.)
    controller.signal.addEventListener("abort", cancel, { once: true });
    if (controller.signal.aborted) cancel();
    this.#unlink = linkSignal(options.signal, controller);
  }

  /**
   * The events, in the order they came, each added to the reply as it is handed out (for `for await`). A stream can
   * be iterated once: a second call throws `ParleyError`. Leaving the loop early (`break`, `return`, an exception)
   * cancels the request; the reply then rejects with `AbortError`, unless `message-end` had already come.
   */
  [Symbol.asyncIterator](): AsyncIterator<StreamEvent> {
    if (this.#used) {
      throw new ParleyError("A ChatStream can be iterated only once; after the loop, use finalResponse()");
    }
    this.#used = true;
    // Written by hand rather than as an async generator: a generator's resumption costs about as much per event
    // as the rest of the stream's own work.
    const iterator: AsyncIterableIterator<StreamEvent> = {
      next: () => this.#next(),
      return: () => this.#return(),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
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
        // Abort first: a pending read must end before the iterator can return.
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

  /**
   * The next event. One already read is handed out at once, without an async function's frame: per event, this
   * is the whole cost of the iterator.
   */
  #next(): Promise<IteratorResult<StreamEvent, undefined>> {
    // A next() called before the last one settled waits for it, as with an async generator.
    if (this.#busy) {
      const next = () => this.#next();
      return this.#pending!.then(next, next);
    }
    if (this.#state !== CLOSED) {
      try {
        // abort() stops the events already read, too
        if (this.#aborted) throw this.#controller.signal.reason;
        const event = this.#take();
        if (event) return Promise.resolve({ done: false, value: event });
      } catch (error) {
        return Promise.reject(this.#fail(error));
      }
    }
    this.#pending = this.#more();
    return this.#pending;
  }

  /** The next event once more of the body has been read, or the end. */
  async #more(): Promise<IteratorResult<StreamEvent, undefined>> {
    this.#busy = true;
    try {
      for (;;) {
        if (this.#state === CLOSED) return { done: true, value: undefined };
        if (this.#aborted) throw this.#controller.signal.reason;
        const event = this.#take();
        if (event) return { done: false, value: event };
        if (this.#state === OVER) {
          if (this.#other !== undefined) throw notAnEventStream(this.#other);
          const violation = this.#grammar.end();
          if (violation?.fatal) {
            throw new StreamError(`Incomplete stream: ${violation.message}`, { kind: "incomplete" });
          }
          this.#close();
          this.#resolve(toChatResponse(this.#reply.draft()));
          return { done: true, value: undefined };
        }
        this.#reader ??= this.response.body?.getReader();
        if (!this.#reader) {
          this.#state = OVER;
          continue;
        }
        // The idle clock runs only while a read waits: a slow consumer is not a silent server.
        this.#waitingSince = Date.now();
        if (!this.#idle && Number.isFinite(this.#idleMs)) this.#arm(this.#idleMs);
        const chunk = await this.#reader.read();
        this.#waitingSince = undefined;
        if (this.#aborted) throw this.#controller.signal.reason;
        if (chunk.done) {
          this.#decoder.end();
          this.#state = OVER; // the byte stream is over; `[DONE]` may or may not have come
        } else {
          // Counted per chunk, not per event: the bound costs the hot path nothing.
          const bytes = chunk.value;
          if (!this.#size && (bytes[0] === 123 || bytes[0] === 60)) this.#other = ""; // `{` or `<`: no event stream
          this.#size += bytes.byteLength;
          if (this.#size > this.#max) {
            throw new StreamError(tooLarge(this.#max), { kind: "too-large" });
          }
          if (this.#other === undefined) this.#decoder.push(bytes);
          else this.#other += new TextDecoder().decode(bytes); // only quoted in an error: a split character may go
        }
      }
    } catch (error) {
      throw this.#fail(error);
    } finally {
      this.#busy = false;
      this.#waitingSince = undefined;
    }
  }

  /** The next event of those already read, judged and added to the reply; undefined when none is left. */
  #take(): StreamEvent | undefined {
    const messages = this.#messages;
    if (this.#at < messages.length) {
      const event = parseStreamEvent(messages[this.#at++]!);
      if (event !== DONE) {
        const violation = this.#grammar.feed(event);
        if (violation?.fatal) throw new StreamError(`Malformed stream: ${violation.message}`);
        this.#reply.add(event);
        return event;
      }
      // `[DONE]` is the end, whatever else the server sends or however long it keeps the connection.
      this.#state = OVER;
      this.#reader?.cancel().catch(noop);
    }
    messages.length = this.#at = 0;
    return undefined;
  }

  /** Ends the stream on `error`: settles the reply and aborts the request. Returns what the caller gets. */
  #fail(error: unknown): unknown {
    const failure = this.#failure(error);
    this.#close();
    this.#controller.abort(failure); // a malformed stream must not keep its connection open
    this.#reject(failure);
    return failure;
  }

  #arm(ms: number): void {
    this.#idle = setTimeout(
      () => {
        this.#idle = undefined;
        // No read waiting: the consumer is busy, and the next read starts the clock again.
        if (this.#waitingSince === undefined) return;
        const left = this.#waitingSince + this.#idleMs - Date.now();
        if (left > 0) this.#arm(left);
        else {
          this.#controller.abort(
            new TimeoutError(`The stream was silent for ${this.#idleMs} ms (streamIdleTimeoutMs)`),
          );
        }
      },
      Math.min(ms, MAX_TIMER_MS),
    );
  }

  /** The consumer left early (a `break`, a `return`, or an exception in its loop body). */
  async #return(): Promise<IteratorResult<StreamEvent, undefined>> {
    // As an async generator would, let a pending next() settle first.
    if (this.#busy) await this.#pending!.catch(noop);
    if (this.#state !== CLOSED) {
      // A reply whose message-end had come is complete all the same.
      const closed = new AbortError("The stream was closed early");
      const draft = this.#draft();
      this.#close();
      this.#controller.abort(closed);
      if (draft?.ended) this.#resolve(toChatResponse(draft));
      else this.#reject(closed);
    }
    return { done: true, value: undefined };
  }

  #close(): void {
    this.#state = CLOSED;
    clearTimeout(this.#idle);
    this.#unlink();
  }

  /** What to raise for `error`: the abort or timeout that caused it, else a `StreamError` with the partial reply. */
  #failure(error: unknown): ParleyError {
    const signal = this.#controller.signal;
    // Everything that aborts this controller gives a ParleyError as its reason: abort(), the caller's signal
    // (through linkSignal), the timeouts and an early exit from the loop.
    if (signal.aborted) return signal.reason as ParleyError;
    const draft = this.#draft();
    const failure =
      error instanceof StreamError
        ? error
        : new StreamError(`The stream broke: ${String((error as Error | null)?.message ?? error)}`, {
            cause: error,
            kind: "broken",
          });
    // The parser and the grammar raise theirs before the reply is known.
    failure.partial ??= draft && toChatResponse(draft);
    return redactError(failure, this.#secret);
  }

  /** The reply so far; undefined when even that fails (past V8's string limit), so a failure can still settle. */
  #draft(): ReplyDraft | undefined {
    try {
      return this.#reply.draft();
    } catch {}
  }
}

/** `#state`: reading the body; the body is over (its end or `[DONE]`) but events may wait; ended and settled. */
const READING = 0;
const OVER = 1;
const CLOSED = 2;

/** The error for a body that is JSON or HTML (a gateway's error page sent as an event stream). */
function notAnEventStream(body: string): StreamError {
  let message: unknown;
  try {
    message = JSON.parse(body).message;
  } catch {}
  return new StreamError(
    `The body was not an event stream: ${typeof message === "string" ? message : JSON.stringify(body.slice(0, 200))}`,
  );
}
