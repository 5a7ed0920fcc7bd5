import type { ChatObjectParams, ChatObjectResult, JsonOf, ObjectOf } from "./chatObject";
import type { ObjectStream } from "./chatObjectStream";
import { ChatStream } from "./chatStream";
import {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
} from "./defaults";
import { apiErrorFor, ConnectionError, InvalidResponseError, ParleyError } from "./errors";
import { isChatResponse } from "./isChatResponse";
import { readText } from "./readText";
import { redactError } from "./redact";
import { withRetries } from "./retry";
import type { RunToolsParams, RunToolsResult } from "./runTools";
import { abortable, linkSignal, noop } from "./signals";
import type { JsonSchema, Schema } from "./standardSchema";
import { startTimeout } from "./timers";
import type { ChatRequest, ChatResponse } from "./types";
import { fail, validateRequest } from "./validate";

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

/**
 * The `fetch` the client sends through (its `fetch` option): `globalThis.fetch` fits, and so does any function taking
 * a URL string and a {@link FetchInit} that resolves to a web `Response`: a test double, a replay, a proxy's own.
 */
export type FetchLike = (url: string, init: FetchInit) => Promise<Response>;

/** Options of {@link ClientV2}: where and how it sends requests. Each is optional; the defaults suit Cohere's API. */
export interface ClientOptions {
  /**
   * The API key, sent as `Authorization: Bearer <key>`. A function is called for every request. `""` sends no
   * `Authorization` header (for a proxy that adds its own).
   * @default the `CO_API_KEY` environment variable, where the runtime has an environment
   */
  apiKey?: ApiKey | undefined;
  /**
   * Where the API lives: an http(s) URL, or in a browser a path from the page's origin (`/api`, or `""` for the
   * origin itself). `/v2/chat` is joined onto it, so a path prefix (`https://gw.example.com/cohere`) works; a
   * trailing `/v2` is dropped, not doubled. Anything else throws `ValidationError` here.
   * @default "https://api.cohere.com"
   */
  baseUrl?: string | undefined;
  /**
   * The `fetch` to use: any function called as `fetch(url, init)` that returns a `Response`.
   * @default globalThis.fetch, looked up at each request
   */
  fetch?: FetchLike | undefined;
  /**
   * Retries after the first attempt, for 408, 409, 429, 500, 502, 503, 504 and connection failures.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Milliseconds a call may take until its reply has started (stream) or has been read (`chat()`), across all
   * attempts and waits. `Infinity` means no limit.
   * @default 300000
   */
  timeoutMs?: number | undefined;
  /**
   * Milliseconds a stream may stay silent between two chunks before it fails with `TimeoutError`.
   * @default 60000
   */
  streamIdleTimeoutMs?: number | undefined;
  /**
   * Bytes one response body may hold: a reply, a stream, or an error's body. Past them the request is aborted:
   * `chat()` rejects with `ParleyError`, a stream with `StreamError` of kind `too-large`, and an error keeps its
   * status without the body. It bounds one SSE line too, so a hostile or broken server cannot run the process out
   * of memory. `Infinity` means no limit.
   * @default 33554432 (32 MiB)
   */
  maxResponseBytes?: number | undefined;
  /** Headers sent with every request. @default {} */
  headers?: HeaderValues | undefined;
  /** Names the calling project to Cohere, sent as `X-Client-Name`. @default undefined (not sent) */
  clientName?: string | undefined;
  /**
   * Check each request before sending it, and refuse what the API would refuse with a `ValidationError`.
   * @default true
   */
  validate?: boolean | undefined;
}

/** Options for one call; each overrides the client's option of the same name. */
export interface RequestOptions {
  /** Aborts the call: it rejects with `AbortError` at once, wherever it is (waiting, retrying or streaming). */
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  streamIdleTimeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** Merged over the client's headers. */
  headers?: HeaderValues | undefined;
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
    const base = options.baseUrl ?? DEFAULT_BASE_URL;
    // A mistyped base would otherwise fail each call as a connection error, retried; refuse it here.
    if (!/^(https?:\/\/[^/]|\/|$)/i.test(base))
      fail("baseUrl", `must be an http(s) URL or a path like /api: ${base}`);
    // `/v2/chat` is joined on, so a base ending in /v2 (as the AI SDK's does) would ask for /v2/v2/chat.
    this.#url = `${base.replace(/(\/v2)?\/*$/, "")}/v2/chat`;
  }

  /** Sends `request` and resolves to the reply as the server sent it. */
  chat(request: ChatRequest, options: RequestOptions = {}): Promise<ChatResponse> {
    return this.#call(request, false, options, async (response, signal, _, max) => {
      const text = await readText(response, signal, max);
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
    return this.#call(request, true, options, async (response, signal, controller, max, key) => {
      // A gateway that ignores `stream: true`, or sends its own error as 200 JSON, would otherwise surface as
      // a stream that ended without message-end, hiding what the server said.
      if (/json/i.test(response.headers.get("content-type") ?? "")) {
        throw new InvalidResponseError(response, await readText(response, signal, max));
      }
      return new ChatStream(response, {
        signal: options.signal,
        controller,
        streamIdleTimeoutMs: options.streamIdleTimeoutMs ?? this.#options.streamIdleTimeoutMs,
        maxResponseBytes: max,
        redact: key,
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
  ): Promise<ObjectStream<ObjectOf<S>, JsonOf<S>>> {
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
    finish: (
      response: Response,
      signal: AbortSignal,
      controller: AbortController,
      maxResponseBytes: number,
      key: string,
    ) => Promise<T>,
  ): Promise<T> {
    const client = this.#options;
    const timeoutMs = options.timeoutMs ?? client.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const max = client.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const controller = new AbortController();
    const signal = controller.signal;
    const unlink = linkSignal(options.signal, controller);
    const stop = startTimeout(timeoutMs, controller, `No reply within timeoutMs (${timeoutMs} ms)`);
    const fetch = client.fetch ?? ((url, init) => globalThis.fetch(url, init));
    try {
      if (client.validate !== false) validateRequest(request);
      const body = JSON.stringify({ ...request, stream });
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
          let response: Response | undefined;
          try {
            response = await abortable(pending, signal);
            if (!response.ok) throw await readApiError(response, signal, max);
            return await finish(response, signal, controller, max, key);
          } catch (error) {
            // The fetch may ignore the signal and answer later: free that connection when it does.
            if (!response && signal.aborted) pending.then((late) => late?.body?.cancel().catch(noop), noop);
            // Whatever the server sent back may quote the key: every error leaves with it cut out.
            throw redactError(
              ParleyError.isInstance(error)
                ? error
                : connectionError(
                    response ? "The reply broke off" : `Could not reach ${this.#url}`,
                    error,
                    key,
                  ),
              key,
            );
          }
        },
        {
          maxRetries: options.maxRetries ?? client.maxRetries ?? DEFAULT_MAX_RETRIES,
          signal,
          deadline: Date.now() + timeoutMs,
        },
      );
    } catch (error) {
      // A request JSON cannot carry (a BigInt, a cycle) and anything else unforeseen: callers catch ParleyError.
      throw ParleyError.isInstance(error)
        ? error
        : new ParleyError(`The call failed: ${error}`, { cause: error });
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

/** A non-2xx response as its `ApiError`. A body that is not JSON is kept as text. */
async function readApiError(response: Response, signal: AbortSignal, max: number): Promise<ParleyError> {
  const text = await readText(response, signal, max).catch((error: unknown) => {
    if (signal.aborted) throw error;
    return ""; // the status says enough when the body breaks off or runs past maxResponseBytes
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
 * `console.log` would print it. Only its message goes on; the caller cuts the key out of it.
 */
function connectionError(what: string, error: unknown, key: string): ParleyError {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
  let detail = String(message ?? error);
  if (typeof cause?.message === "string") detail += ` (${cause.message})`;
  return new ConnectionError(`${what}: ${detail}`, key.length < 8 ? { cause: error } : undefined);
}
