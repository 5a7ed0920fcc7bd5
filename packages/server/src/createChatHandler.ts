import { type ChatRequest, ValidationError } from "@parley/core";
import { validateRequest } from "@parley/core/protocol";
import { apiKeyFromEnv } from "./apiKeyFromEnv";
import type { ChatHandler, ChatHandlerOptions } from "./chatHandlerOptions";
import { isJsonContentType } from "./isJsonContentType";
import { jsonError } from "./jsonError";
import { linkAbort } from "./linkAbort";
import { createOriginCheck } from "./originCheck";
import { parseJsonBody } from "./parseJsonBody";
import { readBody } from "./readBody";
import { createRedactor, type Redactor } from "./redactor";
import { relayResponse } from "./relayResponse";

/** Cohere's API host. */
export const DEFAULT_BASE_URL = "https://api.cohere.com";
/** A chat request is a few kilobytes; 1 MiB leaves room for long conversations and documents. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The server half of a chat app: a web-standard handler for `POST /v2/chat` that checks the request, adds the API
 * key and streams the upstream's answer back as it arrives. Mount it where the browser's
 * `new ClientV2({ baseUrl, apiKey: "" })` posts, `${baseUrl}/v2/chat`; in Next.js,
 * `export const POST = createChatHandler()` in `app/api/v2/chat/route.ts` serves `baseUrl: "/api"`.
 *
 * Refusals are answered in Cohere's error shape `{"message": ...}`: 405 for a method other than POST, 403 for
 * another site's page, 415 for a body that is not `application/json`, 413 past `maxBodyBytes`, 400 for a body that
 * is not JSON, is not a valid chat request, asks for a model not in `models` or for more than `maxTokens`. Upstream
 * errors keep their status, `retry-after` and body; an upstream that cannot be reached gives 502.
 */
export function createChatHandler(options: ChatHandlerOptions = {}): ChatHandler {
  const {
    models,
    maxTokens,
    maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
    onRequest,
    clientName,
    log = (line: string) => console.warn(line),
  } = options;
  const apiKey = options.apiKey ?? apiKeyFromEnv();
  if (apiKey === undefined || (typeof apiKey === "string" && apiKey.trim() === "")) {
    throw new TypeError(
      "createChatHandler: no API key. Pass `apiKey` (a string, or a function returning one) or set CO_API_KEY in the server's environment.",
    );
  }
  checkPositiveInteger("maxBodyBytes", maxBodyBytes);
  if (maxTokens !== undefined) checkPositiveInteger("maxTokens", maxTokens);
  if (
    models !== undefined &&
    (models.length === 0 || models.some((model) => typeof model !== "string" || !model))
  )
    throw new TypeError(
      "createChatHandler: models must list at least one model id (leave it out to allow any)",
    );
  const url = `${upstreamBase(options.baseUrl)}/v2/chat`;
  const checkOrigin = createOriginCheck(options.allowedOrigins);
  const allowedModels = models ? new Set(models) : undefined;

  return async function handleChat(request: Request): Promise<Response> {
    if (request.method !== "POST")
      return jsonError(405, `${request.method} is not allowed on this endpoint; use POST`, { allow: "POST" });
    const refusal = checkOrigin(request);
    if (refusal) return jsonError(403, refusal);
    if (!isJsonContentType(request.headers.get("content-type")))
      return jsonError(415, "the body must be sent as content-type application/json");

    const read = await readBody(request, maxBodyBytes);
    if (read.kind === "too-large") return jsonError(413, `the body is larger than ${maxBodyBytes} bytes`);
    if (read.kind === "not-utf8") return jsonError(400, "invalid request: the body is not UTF-8");
    if (read.kind === "broken") {
      log(`@parley/server: the request body broke off after ${read.bytesRead} bytes (${read.reason})`);
      return jsonError(400, "invalid request: the body broke off before it was complete");
    }
    const parsed = parseJsonBody(read.text);
    if ("error" in parsed) return jsonError(400, `invalid request: ${parsed.error}`);
    const body = parsed.value as ChatRequest;
    try {
      validateRequest(body);
    } catch (error) {
      return jsonError(
        400,
        `invalid request: ${error instanceof ValidationError ? error.message : "not a chat request"}`,
      );
    }
    if (allowedModels && !allowedModels.has(body.model))
      return jsonError(
        400,
        `invalid request: model ${JSON.stringify(body.model)} is not served here; use one of ${[...allowedModels].join(", ")}`,
      );
    if (maxTokens !== undefined) {
      const asked: unknown = body.max_tokens;
      if (asked === undefined) body.max_tokens = maxTokens;
      else if (typeof asked !== "number" || !Number.isInteger(asked) || asked < 1)
        return jsonError(
          400,
          `invalid request: max_tokens must be a positive integer, not ${JSON.stringify(asked)}`,
        );
      else if (asked > maxTokens)
        return jsonError(
          400,
          `invalid request: max_tokens ${asked} is above this server's cap of ${maxTokens}`,
        );
    }

    let key: string;
    try {
      key = typeof apiKey === "function" ? await apiKey() : apiKey;
    } catch (error) {
      // Its message may hold the very key it was fetching, which no redactor knows yet: the class name only.
      const kind = error instanceof Error ? error.name : typeof error;
      log(
        `@parley/server: the apiKey function failed (${kind}; its message is not logged, as it may hold the key)`,
      );
      return jsonError(500, "the server could not get its API key");
    }
    if (typeof key !== "string" || key.trim() === "") {
      log("@parley/server: the apiKey function returned no key");
      return jsonError(500, "the server has no API key");
    }
    const redactor = createRedactor(key);

    let sent = body;
    if (onRequest) {
      let decided: Awaited<ReturnType<typeof onRequest>>;
      try {
        decided = await onRequest(request, body);
      } catch (error) {
        log(redactor.text(`@parley/server: onRequest failed: ${describe(error)}`));
        return jsonError(500, "the server failed to check this request");
      }
      if (decided instanceof Response) return relayResponse(decided, redactor, () => {}, undefined, true);
      if (decided !== undefined) sent = decided;
    }
    return forward(request, sent, key, redactor);
  };

  async function forward(
    request: Request,
    body: ChatRequest,
    key: string,
    redactor: Redactor,
  ): Promise<Response> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      authorization: `Bearer ${key}`,
    };
    if (clientName) headers["x-client-name"] = clientName;
    // The upstream request ends when the browser leaves (the request's signal) or stops reading (the answer is
    // cancelled), whichever comes first.
    const [controller, unlink] = linkAbort(request.signal);
    const abort = () => {
      unlink();
      controller.abort();
    };
    const fetchUpstream =
      options.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
    let upstream: Response;
    try {
      upstream = await fetchUpstream(url, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
        signal: controller.signal,
      });
    } catch (error) {
      unlink();
      // Nobody is left to answer; the status only shows in the server's own access log.
      if (controller.signal.aborted) return new Response(null, { status: 499 });
      const line = redactor.text(`could not reach the upstream: ${describe(error)}`);
      log(`@parley/server: ${line}`);
      return jsonError(502, line);
    }
    return relayResponse(upstream, redactor, abort, controller.signal);
  }
}

function upstreamBase(baseUrl: string = DEFAULT_BASE_URL): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError(`createChatHandler: baseUrl must be an absolute URL, not ${JSON.stringify(baseUrl)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new TypeError(`createChatHandler: baseUrl must be http(s), not ${JSON.stringify(baseUrl)}`);
  // `/v2/chat` is joined on, so a base ending in /v2 (as the AI SDK's does) would ask for /v2/v2/chat.
  return baseUrl.replace(/(\/v2)?\/*$/, "");
}

function checkPositiveInteger(name: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
    throw new TypeError(
      `createChatHandler: ${name} must be a positive integer, not ${JSON.stringify(value)}`,
    );
}

/** An error's message and its cause's (fetch failures say why only in the cause), on one line. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`.replace(/\s+/g, " ");
}
