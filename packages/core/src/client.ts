import type { ChatObjectParams, ChatObjectResult, ObjectOf } from "./chatObject";
import type { ObjectStream } from "./chatObjectStream";
import { ChatStream } from "./chatStream";
import { DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from "./defaults";
import { apiErrorFor, ConnectionError, InvalidResponseError, ParleyError } from "./errors";
import { isChatResponse } from "./isChatResponse";
import { withRetries } from "./retry";
import type { RunToolsParams, RunToolsResult } from "./runTools";
import { abortable, linkSignal, noop } from "./signals";
import type { JsonSchema, Schema } from "./standardSchema";
import { startTimeout } from "./timers";
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
  chat(request: ChatRequest, options: RequestOptions = {}): Promise<ChatResponse> {
    return this.#call(request, false, options, async (response, signal) => {
      const text = await readText(response, signal);
      let reply: unknown;
      try {
        reply = JSON.parse(text);
      } catch {}
      if (!isChatResponse(reply)) throw new InvalidResponseError(response, text);
      return reply;
    });
  }

  /**
   * Sends `request` with `stream: true` and resolves to a `ChatStream` once the response headers arrive. HTTP
   * errors reject here, before any event; failures before the headers are retried as `chat()` retries them.
   */
  chatStream(request: ChatRequest, options: RequestOptions = {}): Promise<ChatStream> {
    return this.#call(request, true, options, async (response, signal, controller) => {
      // A gateway that ignores `stream: true`, or sends its own error as 200 JSON, would otherwise surface as
      // a stream that ended without message-end, hiding what the server said.
      if (/json/i.test(response.headers.get("content-type") ?? "")) {
        throw new InvalidResponseError(response, await readText(response, signal));
      }
      return new ChatStream(response, {
        signal: options.signal,
        controller,
        streamIdleTimeoutMs: options.streamIdleTimeoutMs ?? this.#options.streamIdleTimeoutMs,
      });
    });
  }

  // The three methods below load their code on first use, so an app that never calls them never downloads it (a
  // class method cannot be tree-shaken). To bundle it up front, import the function of the same name instead.

  /** The tool loop: asks, runs the tools the reply calls, sends the results, repeats. See `runTools()`. */
  runTools(params: RunToolsParams, options?: RequestOptions): Promise<RunToolsResult> {
    return import("./runTools").then((m) => m.runTools(this, params, options));
  }

  /** A reply in JSON that fits `schema`, validated. See `chatObject()`. */
  chatObject<S extends Schema | JsonSchema>(
    params: ChatObjectParams<S>,
    options?: RequestOptions,
  ): Promise<ChatObjectResult<ObjectOf<S>>> {
    return import("./chatObject").then((m) => m.chatObject(this, params, options));
  }

  /** `chatObject` streamed: partial objects as the JSON arrives. See `chatObjectStream()`. */
  chatObjectStream<S extends Schema | JsonSchema>(
    params: ChatObjectParams<S>,
    options?: RequestOptions,
  ): Promise<ObjectStream<ObjectOf<S>>> {
    return import("./chatObjectStream").then((m) => m.chatObjectStream(this, params, options));
  }

  /**
   * One call: validation, then attempts until `finish` succeeds on a 2xx or an error is not worth retrying, all
   * within one `timeoutMs` deadline. The deadline ends when `finish` returns: for a stream, once it has started.
   */
  async #call<T>(
    request: ChatRequest,
    stream: boolean,
    options: RequestOptions,
    finish: (response: Response, signal: AbortSignal, controller: AbortController) => Promise<T>,
  ): Promise<T> {
    const client = this.#options;
    if (client.validate !== false) validateRequest(request);
    const timeoutMs = options.timeoutMs ?? client.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    const signal = controller.signal;
    const unlink = linkSignal(options.signal, controller);
    const stop = startTimeout(timeoutMs, controller, `No reply within timeoutMs (${timeoutMs} ms)`);
    const body = JSON.stringify({ ...request, stream });
    const fetch = client.fetch ?? ((url, init) => globalThis.fetch(url, init));
    try {
      return await withRetries(
        async () => {
          const key = await abortable(this.#apiKey(), signal); // a hung key function must not outlive the call
          // No `accept`: Cohere picks JSON or an event stream from the body's `stream` field alone.
          const headers: Record<string, string> = { "content-type": "application/json" };
          if (key) headers.authorization = `Bearer ${key}`;
          if (client.clientName) headers["x-client-name"] = client.clientName;
          mergeHeaders(headers, client.headers);
          mergeHeaders(headers, options.headers);

          const pending = (async () => fetch(this.#url, { method: "POST", headers, body, signal }))();
          let response: Response;
          try {
            response = await abortable(pending, signal);
          } catch (cause) {
            // The fetch may ignore the signal and answer later: free that connection when it does.
            if (signal.aborted) pending.then((late) => late.body?.cancel().catch(noop), noop);
            throw connectionError(`Could not reach ${this.#url}`, cause, key);
          }
          if (!response.ok) throw await readApiError(response, signal);
          try {
            return await finish(response, signal, controller);
          } catch (error) {
            throw error instanceof ParleyError ? error : connectionError("The reply broke off", error, key);
          }
        },
        {
          maxRetries: options.maxRetries ?? client.maxRetries ?? DEFAULT_MAX_RETRIES,
          signal,
          deadline: Date.now() + timeoutMs,
        },
      );
    } finally {
      unlink();
      stop();
    }
  }

  async #apiKey(): Promise<string> {
    let key: ApiKey | undefined = this.#options.apiKey;
    if (key === undefined) {
      try {
        // No `process` import: core runs in browsers and edge runtimes too. An empty variable is no key.
        key =
          (globalThis as { process?: { env?: Record<string, string> } }).process?.env?.CO_API_KEY ||
          undefined;
      } catch {} // Deno throws here without --allow-env
    }
    if (typeof key === "function") {
      try {
        key = await key();
      } catch (cause) {
        throw new ParleyError("The apiKey function failed", { cause });
      }
    }
    if (typeof key !== "string") {
      throw new ParleyError('No API key: pass apiKey or set CO_API_KEY (apiKey "" sends none)');
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
  const text = await readText(response, signal).catch((error: unknown) => {
    if (signal.aborted) throw error;
    return ""; // the status says enough when the body breaks off
  });
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
      typeof message === "string" ? message : text.slice(0, 200) || response.statusText || undefined,
  });
}

/**
 * A `ConnectionError` saying what went wrong (undici hides the useful part in `cause`). With a key to protect, the
 * original error is not kept: a custom `fetch` may put the whole request, headers and all, into its error, where
 * `console.log` would print it. Only its message goes on, with the key cut out. (Keys under 8 characters are no
 * secret worth hiding and would match half of any message.)
 */
function connectionError(what: string, error: unknown, key: string): ParleyError {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
  let detail = String(message ?? error);
  if (typeof cause?.message === "string") detail += ` (${cause.message})`;
  const secret = key.length >= 8;
  return new ConnectionError(
    `${what}: ${secret ? detail.split(key).join("[redacted]") : detail}`,
    secret ? undefined : { cause: error },
  );
}
