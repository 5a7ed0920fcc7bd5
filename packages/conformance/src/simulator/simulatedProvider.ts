import { type ChatRequest, ValidationError } from "@parley/core";
import { nestsDeeperThan, validateRequest } from "@parley/core/protocol";
import { planFromChunks, playBody } from "../http/bodyPlan";
import { errorResponse } from "../http/errorResponse";
import type { FetchLike } from "../http/fetchLike";
import { toRequest } from "../http/fetchLike";
import { sleep } from "../http/sleep";
import { TOO_DEEP_MESSAGE } from "../json/jsonDepth";
import { composeReply } from "./composeReply";
import { replyEvents, replyResponse } from "./renderReply";
import { createSeededRandom, hashString } from "./seededRandom";

/** Options of {@link createSimulatedProvider}: its seed, the key and models it accepts, and its pace. */
export interface SimulatedProviderOptions {
  /**
   * Seed mixed into every reply: the same seed and request always give the same reply, byte for byte.
   * @default 0
   */
  seed?: number | undefined;
  /**
   * The key requests must send as `Authorization: Bearer <key>`; any other answer is a 401.
   * @default undefined (every request is let in)
   */
  apiKey?: string | undefined;
  /**
   * Model ids the provider serves; any other gets a 404 as on Cohere.
   * @default every id that starts with `command-`
   */
  models?: readonly string[] | undefined;
  /**
   * Streaming pace in tokens per second; `0` sends everything at once (for tests).
   * @default 60
   */
  tokensPerSecond?: number | undefined;
  /**
   * Wait before the first token of a reply, in ms (a non-streaming reply waits this plus its tokens' time).
   * @default 250
   */
  firstTokenDelayMs?: number | undefined;
  /**
   * The most tokens one reply holds, whatever `max_tokens` asks: a longer reply is cut there and ends with
   * `MAX_TOKENS`, as a model's output limit does. Keeps a huge prompt (which the reply quotes) from making a
   * huge reply.
   * @default 4096
   */
  maxReplyTokens?: number | undefined;
}

const CHAT_PATH = "/v2/chat";
const ALLOW = "POST, OPTIONS";

/**
 * A `fetch` that answers `POST /v2/chat` the way Cohere does, deterministically: text derived from the prompt,
 * the system message, `max_tokens`, `stop_sequences`, tools and tool results, documents with exact citation
 * offsets, thinking, JSON mode; the non-streaming reply and the stream always agree; errors are Cohere's
 * (400 invalid body, 401 bad key, 404 unknown model or path). Wrap it with `withFaults` for 429s and the rest.
 */
export function createSimulatedProvider(options: SimulatedProviderOptions = {}): FetchLike {
  const {
    seed = 0,
    apiKey,
    models,
    tokensPerSecond = 60,
    firstTokenDelayMs = 250,
    maxReplyTokens = 4096,
  } = options;
  if (!(tokensPerSecond >= 0) || !(firstTokenDelayMs >= 0)) {
    throw new RangeError("tokensPerSecond and firstTokenDelayMs must be numbers >= 0");
  }
  if (!(Number.isInteger(maxReplyTokens) && maxReplyTokens > 0)) {
    throw new RangeError(`maxReplyTokens must be an integer > 0, got ${maxReplyTokens}`);
  }
  const serves = (model: string) => (models ? models.includes(model) : model.startsWith("command-"));
  const tokenMs = tokensPerSecond > 0 ? 1000 / tokensPerSecond : 0;

  return async (input, init) => {
    const request = toRequest(input, init);
    const signal = init?.signal ?? request.signal;
    signal?.throwIfAborted();
    const bodyText = await request.text();
    const traceId = createSeededRandom(`${seed}:trace:${bodyText}`).hex(32);
    const fail = (status: number, message: string) =>
      errorResponse(status, message, { id: traceId, headers: { "x-debug-trace-id": traceId } });

    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: { allow: ALLOW } });
    if (request.method !== "POST") {
      return errorResponse(405, `method ${request.method} is not allowed; this server answers ${ALLOW}`, {
        id: traceId,
        headers: { "x-debug-trace-id": traceId, allow: ALLOW },
      });
    }
    const path = new URL(request.url).pathname;
    if (path !== CHAT_PATH)
      return fail(404, `path '${path}' not found; this server answers POST ${CHAT_PATH}`);
    if (apiKey !== undefined) {
      const authorization = request.headers.get("authorization");
      if (!authorization) return fail(401, "no api key supplied");
      if (authorization.replace(/^bearer\s+/i, "") !== apiKey) return fail(401, "invalid api token");
    }

    if (nestsDeeperThan(bodyText)) return fail(400, TOO_DEEP_MESSAGE);
    let body: ChatRequest;
    try {
      body = JSON.parse(bodyText) as ChatRequest;
    } catch {
      return fail(400, "invalid request: the body is not valid JSON");
    }
    try {
      validateRequest(body);
    } catch (error) {
      if (error instanceof ValidationError) return fail(400, `invalid request: ${error.message}`);
      throw error;
    }
    if (!serves(body.model)) {
      return fail(
        404,
        `model '${body.model}' not found, make sure the correct model ID was used and that you have access to the model.`,
      );
    }

    // `stream` is left out of the seed so both modes of one request give the same reply. The request's own
    // `seed` picks the wording, as sampling would: the same seed, the same words.
    const { stream, ...rest } = body;
    const capped = { ...rest, max_tokens: Math.min(rest.max_tokens ?? maxReplyTokens, maxReplyTokens) };
    const requestHash = hashString(JSON.stringify(rest));
    const random = createSeededRandom(`${seed}:${requestHash}`);
    const wording =
      rest.seed === undefined ? random : createSeededRandom(`${seed}:wording:${rest.seed}:${requestHash}`);
    const reply = composeReply(capped, random, wording);
    const headers = {
      "cache-control": "no-cache, no-store, no-transform, must-revalidate, private, max-age=0",
      "x-debug-trace-id": traceId,
    };

    if (!stream) {
      const outputTokens = reply.usage.tokens?.output_tokens ?? 0;
      if (tokenMs > 0 || firstTokenDelayMs > 0)
        await sleep(firstTokenDelayMs + outputTokens * tokenMs, signal);
      const json = JSON.stringify(replyResponse(reply));
      return new Response(json, { status: 200, headers: { ...headers, "content-type": "application/json" } });
    }

    // One chunk per event; token-carrying events are paced, structural ones ride along with their neighbours.
    const chunks: string[] = [];
    const pacing: number[] = [];
    let at = 0;
    let first = true;
    for (const event of replyEvents(reply)) {
      if (
        event.type === "content-delta" ||
        event.type === "tool-plan-delta" ||
        event.type === "tool-call-delta"
      ) {
        at += first ? firstTokenDelayMs : tokenMs;
        first = false;
      }
      chunks.push(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      pacing.push(at);
    }
    chunks.push("data: [DONE]\n\n");
    pacing.push(at);
    const plan = planFromChunks(chunks, { pacing });
    return new Response(playBody(plan, signal ?? undefined), {
      status: 200,
      headers: { ...headers, "content-type": "text/event-stream" },
    });
  };
}
