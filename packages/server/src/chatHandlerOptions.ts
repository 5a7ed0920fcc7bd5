import type { ChatRequest } from "@parley/core";

/** Answers one chat request: a web-standard route handler (Next.js, Hono, Workers, Bun, Deno). */
export type ChatHandler = (request: Request) => Promise<Response>;

/** The upstream `fetch`: anything called as `fetch(url, init)` that returns a `Response`. */
export type UpstreamFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Your own check before anything goes upstream: authorize the user, count their requests, rewrite the body.
 * Return nothing to send the body as is, a changed body to send that instead, or a `Response` to answer with.
 */
export type OnRequest = (
  request: Request,
  body: ChatRequest,
) => ChatRequest | Response | undefined | Promise<ChatRequest | Response | undefined>;

/**
 * The policy of `createChatHandler`: where the key comes from, which upstream and `fetch` to use, what a request
 * may ask for (models, `max_tokens`, body size, origins) and your own check. Every option is optional, with
 * `CO_API_KEY` from the environment as the key.
 */
export interface ChatHandlerOptions {
  /**
   * The Cohere API key, added upstream as `Authorization: Bearer <key>`; a function is called for every request
   * (rotate keys, read a secret store). It never appears in any answer, header or log line (a key shorter than 8
   * characters, which no real key is, is left alone: redacting it would corrupt replies).
   * @default the `CO_API_KEY` environment variable, where the runtime has an environment
   */
  apiKey?: (string | (() => string | Promise<string>)) | undefined;
  /**
   * The upstream; `/v2/chat` is joined onto it, so a path prefix (`https://gw.example.com/cohere`) works, and a
   * trailing `/v2` is dropped, not doubled.
   * @default "https://api.cohere.com"
   */
  baseUrl?: string | undefined;
  /**
   * Models the browser may ask for; any other is refused with 400, naming the model, and nothing goes upstream.
   * @default undefined (any model)
   */
  models?: readonly string[] | undefined;
  /**
   * A cap on `max_tokens`: a request above it is refused with 400; a request without it is sent with the cap.
   * @default undefined (no cap)
   */
  maxTokens?: number | undefined;
  /**
   * Largest request body accepted, in bytes; a larger one gets 413 and is not read past the limit.
   * @default 1048576 (1 MiB)
   */
  maxBodyBytes?: number | undefined;
  /**
   * Origins (`https://app.example.com`) whose pages may call the handler besides its own. A browser request from
   * any other origin gets 403; a request without `Origin` (server to server, curl) passes.
   * @default [] (the request's own origin only)
   */
  allowedOrigins?: readonly string[] | undefined;
  /**
   * The `fetch` used to reach the upstream: tests and offline demos pass a fake or a simulated provider here.
   * @default globalThis.fetch, looked up at each request
   */
  fetch?: UpstreamFetch | undefined;
  /** Runs after the checks, before the key is added and the request goes upstream. @default undefined */
  onRequest?: OnRequest | undefined;
  /** Names your project to Cohere, sent upstream as `X-Client-Name`. @default undefined (not sent) */
  clientName?: string | undefined;
  /**
   * Where the handler writes one line for each failure of its own (upstream unreachable, a broken upload, a failing
   * hook); never a key.
   * @default console.warn
   */
  log?: ((line: string) => void) | undefined;
}
