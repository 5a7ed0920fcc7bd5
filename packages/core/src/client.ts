import { ChatStream } from "./chatStream";
import {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
} from "./defaults";
import { apiErrorFor, ConnectionError, ParleyError } from "./errors";
import { InvalidResponseError } from "./invalidResponseError";
import { abortable, linkSignal, noop, startTimeout, withRetries } from "./retry";
import type { ChatRequest, ChatResponse } from "./types";
import { validateRequest } from "./validate";

/** An API key, or a function that returns one (sync or async), called for every request. */
export type ApiKey = string | (() => string | Promise<string>);

/** Extra headers. Names are case-insensitive; `null` or `undefined` removes a header set by default. */
export type HeaderValues = Record<string, string | null | undefined>;

/** What the client passes to `fetch`: a string URL and a plain object, so any fetch-compatible function works. */
export interface FetchInit {
  method: "POST";
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

export type FetchLike = (url: string, init: FetchInit) => Promise<Response>;

export interface ClientOptions {
  /**
   * The API key, sent as `Authorization: Bearer <key>`. A function is called for every request. `""` sends no
   * `Authorization` header (for a proxy that adds its own).
   * @default the `CO_API_KEY` environment variable, where the runtime has an environment
   */
  apiKey?: ApiKey;
  /**
   * Where the API lives; `/v2/chat` is joined onto it, so a path prefix (`https://gw.example.com/cohere`) works.
   * @default "https://api.cohere.com"
   */
  baseUrl?: string;
  /**
   * The `fetch` to use: any function called as `fetch(url, init)` that returns a `Response`.
   * @default globalThis.fetch, looked up at each request
   */
  fetch?: FetchLike;
  /**
   * Retries after the first attempt, for 408, 409, 429, 500, 502, 503, 504 and connection failures.
   * @default 2
   */
  maxRetries?: number;
  /**
   * Milliseconds a call may take until its reply has started (stream) or has been read (`chat()`), across all
   * attempts and waits. `Infinity` means no limit.
   * @default 300000
   */
  timeoutMs?: number;
  /**
   * Milliseconds a stream may stay silent between two chunks before it fails with `TimeoutError`.
   * @default 60000
   */
  streamIdleTimeoutMs?: number;
  /** Headers sent with every request. @default {} */
  headers?: HeaderValues;
  /** Names the calling project to Cohere, sent as `X-Client-Name`. @default undefined (not sent) */
  clientName?: string;
  /**
   * Check each request before sending it, and refuse what the API would refuse with a `ValidationError`.
   * @default true
   */
  validate?: boolean;
}

/** Options for one call; each overrides the client's option of the same name. */
export interface RequestOptions {
  /** Aborts the call: it rejects with `AbortError` at once, wherever it is (waiting, retrying or streaming). */
  signal?: AbortSignal;
  timeoutMs?: number;
  streamIdleTimeoutMs?: number;
  maxRetries?: number;
  /** Merged over the client's headers. */
  headers?: HeaderValues;
}

/** One call on its way: the controller every wait listens to, and what to undo when the call is over. */
interface Call {
  controller: AbortController;
  deadline: number;
  close(): void;
}

/**
 * A client for Cohere's Chat API v2 (`POST /v2/chat`). Runs wherever `fetch` does: browsers, Node >= 20, edge
 * runtimes. Requests and replies are the wire's own snake_case JSON.
 */
export class ClientV2 {
  readonly #options: ClientOptions;
  readonly #url: string;

  constructor(options: ClientOptions = {}) {
    this.#options = options;
    this.#url = `${(options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "")}/v2/chat`;
  }

  /** Sends `request` and resolves to the reply as the server sent it. */
  async chat(request: ChatRequest, options: RequestOptions = {}): Promise<ChatResponse> {
    const call = this.#open(request, options);
    try {
      return await this.#send(request, false, options, call, async (response) => {
        const text = await readText(response, call.controller.signal);
        let reply: unknown;
        try {
          reply = JSON.parse(text);
        } catch {}
        const { message, finish_reason } = (reply ?? {}) as Partial<ChatResponse>;
        if (typeof message !== "object" || message === null || typeof finish_reason !== "string") {
          throw new InvalidResponseError("the JSON of a chat reply", response.status, response.headers, text);
        }
        return reply as ChatResponse;
      });
    } finally {
      call.close();
    }
  }

  /**
   * Sends `request` with `stream: true` and resolves to a `ChatStream` once the response headers arrive. HTTP
   * errors reject here, before any event; failures before the headers are retried as `chat()` retries them.
   */
  async chatStream(request: ChatRequest, options: RequestOptions = {}): Promise<ChatStream> {
    const call = this.#open(request, options);
    let response: Response;
    try {
      response = await this.#send(request, true, options, call, async (response) => {
        // A gateway that ignores `stream: true`, or sends its own error as 200 JSON, would otherwise surface as
        // a stream that ended without message-end, hiding what the server said.
        if (/json/i.test(response.headers.get("content-type") ?? "")) {
          const text = await readText(response, call.controller.signal);
          throw new InvalidResponseError("an event stream", response.status, response.headers, text);
        }
        return response;
      });
    } finally {
      call.close(); // the reply has started: from here on streamIdleTimeoutMs bounds it
    }
    return new ChatStream(response, {
      signal: options.signal,
      controller: call.controller,
      streamIdleTimeoutMs:
        options.streamIdleTimeoutMs ?? this.#options.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS,
    });
  }

  #open(request: ChatRequest, options: RequestOptions): Call {
    if (this.#options.validate !== false) validateRequest(request);
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    const unlink = linkSignal(options.signal, controller);
    const stop = startTimeout(timeoutMs, controller, `No reply within timeoutMs (${timeoutMs} ms)`);
    return {
      controller,
      deadline: Date.now() + timeoutMs,
      close() {
        unlink();
        stop();
      },
    };
  }

  /** Attempts until `finish(response)` succeeds on a 2xx, or an error that is not worth retrying. */
  #send<T>(
    request: ChatRequest,
    stream: boolean,
    options: RequestOptions,
    call: Call,
    finish: (response: Response) => Promise<T>,
  ): Promise<T> {
    const signal = call.controller.signal;
    const body = JSON.stringify({ ...request, stream });
    const fetch = this.#options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    return withRetries(
      async () => {
        const key = await this.#apiKey();
        const headers: Record<string, string> = {
          "content-type": "application/json",
          accept: stream ? "text/event-stream" : "application/json",
        };
        if (key) headers.authorization = `Bearer ${key}`;
        if (this.#options.clientName) headers["x-client-name"] = this.#options.clientName;
        mergeHeaders(headers, this.#options.headers);
        mergeHeaders(headers, options.headers);

        const pending = (async () => fetch(this.#url, { method: "POST", headers, body, signal }))();
        let response: Response;
        try {
          response = await abortable(pending, signal);
        } catch (cause) {
          if (signal.aborted) {
            // The fetch may ignore the signal and answer later: free that connection when it does.
            pending.then((late) => late.body?.cancel().catch(noop), noop);
            throw signal.reason;
          }
          throw connectionError(`Could not reach ${this.#url}`, cause, key);
        }
        if (!response.ok) throw await readApiError(response, signal);
        try {
          return await finish(response);
        } catch (error) {
          if (error instanceof ParleyError || signal.aborted) throw error;
          throw connectionError("The connection broke while reading the reply", error, key);
        }
      },
      {
        maxRetries: options.maxRetries ?? this.#options.maxRetries ?? DEFAULT_MAX_RETRIES,
        signal,
        deadline: call.deadline,
      },
    );
  }

  async #apiKey(): Promise<string> {
    let key: ApiKey | undefined = this.#options.apiKey;
    if (key === undefined) {
      try {
        // No `process` import: core runs in browsers and edge runtimes too.
        key = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
          ?.CO_API_KEY;
      } catch {} // Deno throws here without --allow-env
      if (key === "") key = undefined; // an empty variable is a missing key; only an explicit "" means none
    }
    if (typeof key === "function") {
      try {
        key = await key();
      } catch (cause) {
        throw new ParleyError("The apiKey function failed", { cause });
      }
    }
    if (typeof key !== "string") {
      throw new ParleyError(
        'No API key: pass new ClientV2({ apiKey }), set CO_API_KEY, or pass apiKey: "" to send no Authorization header',
      );
    }
    return key;
  }
}

function mergeHeaders(target: Record<string, string>, values: HeaderValues | undefined): void {
  for (const name in values) {
    const value = values[name];
    if (value == null) delete target[name.toLowerCase()];
    else target[name.toLowerCase()] = value;
  }
}

/**
 * Reads a body to the end. On abort it cancels the body itself, which ends the pending read at once even when the
 * `fetch` that produced it ignores its signal.
 */
async function readText(response: Response, signal: AbortSignal): Promise<string> {
  const body = response.body;
  if (!body) return abortable(response.text(), signal);
  const reader = body.getReader();
  const cancel = () => reader.cancel(signal.reason).catch(noop);
  signal.addEventListener("abort", cancel, { once: true });
  const decoder = new TextDecoder();
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (done) return text + decoder.decode();
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal.removeEventListener("abort", cancel);
  }
}

/** A non-2xx response as its `ApiError`. A body that is not JSON is kept as text. */
async function readApiError(response: Response, signal: AbortSignal): Promise<ParleyError> {
  let text = "";
  try {
    text = await readText(response, signal);
  } catch (error) {
    if (signal.aborted) throw error;
  }
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  const message = (body as { message?: unknown } | null)?.message;
  return apiErrorFor({
    status: response.status,
    body,
    headers: response.headers,
    serverMessage:
      typeof message === "string"
        ? message
        : text && typeof body === "string"
          ? text.slice(0, 200)
          : response.statusText || undefined,
  });
}

/** A `ConnectionError` that cannot leak the key, even when a custom `fetch` puts the request in its own error. */
function connectionError(what: string, cause: unknown, key: string): ConnectionError {
  const detail = describe(cause);
  // Shorter strings are no secret (and would match half of any message).
  const leaks = key.length >= 8 && (detail.includes(key) || String((cause as Error)?.stack).includes(key));
  return new ConnectionError(
    `${what}: ${leaks ? "the request failed" : detail}`,
    leaks ? undefined : { cause },
  );
}

/** `fetch failed (connect ECONNREFUSED 127.0.0.1:1)`: undici hides the useful part in `cause`. */
function describe(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
  const text = typeof message === "string" ? message : String(error);
  return typeof cause?.message === "string" ? `${text} (${cause.message})` : text;
}
