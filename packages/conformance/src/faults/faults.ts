import { type BodyPlan, planFromChunks, playBody } from "../http/bodyPlan";
import { errorResponse } from "../http/errorResponse";
import type { FetchLike } from "../http/fetchLike";
import { createSeededRandom } from "../simulator/seededRandom";
import { shapeBody } from "./shapeBody";

/**
 * Deterministic misbehaviour to test clients against. The same faults and seed give the same bytes, chunks and
 * pauses every time. Event counts (`afterEvents`, `invalidJsonAtEvent`, ...) count server-sent events, the
 * `[DONE]` terminator included, and apply only to `text/event-stream` bodies; chunk and timing faults apply to
 * every body.
 */
export interface Faults {
  /**
   * Seed of the generator behind `rechunk: "random"`.
   * @default 1
   */
  seed?: number;
  /** Re-chunk the body: `"byte"` sends every byte alone, `"random"` cuts at seeded offsets. */
  rechunk?: "byte" | "random";
  /**
   * Largest chunk `rechunk: "random"` makes, in bytes.
   * @default 32
   */
  maxChunkBytes?: number;
  /** Cut inside every multi-byte UTF-8 character, so no chunk holds one whole. */
  splitMultibyte?: boolean;
  /** Wait before the first byte of the body, in ms (headers go out at once). */
  firstTokenDelayMs?: number;
  /** Wait before every chunk after the first, in ms. */
  chunkDelayMs?: number;
  /** Stop sending after `afterEvents` events for `ms` ms, or until the request is aborted when `ms` is left out. */
  stall?: { afterEvents: number; ms?: number };
  /** Drop the connection after this many events. */
  disconnectAfterEvents?: number;
  /** Replace the JSON of the event at this index (0 = the first event) with a truncated, invalid copy. */
  invalidJsonAtEvent?: number;
  /** Leave out every `message-end` event (the `[DONE]` terminator still comes). */
  dropMessageEnd?: boolean;
  /**
   * Answer the first `times` requests with 429 and `Retry-After: retryAfterSeconds`, then behave.
   * `times` defaults to 1 and `retryAfterSeconds` to 1.
   */
  rateLimit?: { times?: number; retryAfterSeconds?: number };
  /**
   * Answer the next `times` requests (after any rate limiting) with `status`, then behave.
   * `times` defaults to 1 and `status` to 503.
   */
  serverError?: { times?: number; status?: number };
}

/** The per-fetch state of a fault set: its generator and how many requests it has failed. */
export interface FaultInjector {
  /** A 429 or 5xx answer while the configured number of failures is not used up; `undefined` after. */
  httpFault(): Response | undefined;
  /** Applies the body faults to a plan. `eventStream`: whether event faults apply. */
  shape(plan: BodyPlan, eventStream: boolean): BodyPlan;
  /** Whether any body fault is configured (so a wrapper can leave bodies alone otherwise). */
  readonly shapesBodies: boolean;
}

const SERVER_ERROR_MESSAGES: Record<number, string> = {
  500: "internal server error",
  502: "bad gateway",
  503: "service unavailable: the server is overloaded, please try again later",
  504: "gateway timeout",
};

/**
 * The fault engine behind `withFaults` and replay's `faults` option, for wrapping a transport of your own: it
 * decides per request whether to answer with a 429 or 5xx, and reshapes a body plan (re-chunking, split UTF-8,
 * stalls, cut-offs). Throws a `RangeError` naming the field when `faults` is out of range.
 */
export function createFaultInjector(faults: Faults): FaultInjector {
  checkFaults(faults);
  const random = createSeededRandom(faults.seed ?? 1).next;
  let rateLimited = 0;
  let serverErrors = 0;
  const { rateLimit, serverError } = faults;
  return {
    shapesBodies: BODY_FAULTS.some((key) => faults[key] !== undefined && faults[key] !== false),
    httpFault() {
      if (rateLimit && rateLimited < (rateLimit.times ?? 1)) {
        rateLimited++;
        return errorResponse(
          429,
          "You are past the per minute request limit, please wait and try again later.",
          { headers: { "retry-after": String(rateLimit.retryAfterSeconds ?? 1) } },
        );
      }
      if (serverError && serverErrors < (serverError.times ?? 1)) {
        serverErrors++;
        const status = serverError.status ?? 503;
        return errorResponse(status, SERVER_ERROR_MESSAGES[status] ?? `server error ${status}`);
      }
      return undefined;
    },
    shape: (plan, eventStream) => shapeBody(plan, faults, random, eventStream),
  };
}

const BODY_FAULTS = [
  "rechunk",
  "splitMultibyte",
  "firstTokenDelayMs",
  "chunkDelayMs",
  "stall",
  "disconnectAfterEvents",
  "invalidJsonAtEvent",
  "dropMessageEnd",
] as const satisfies ReadonlyArray<keyof Faults>;

/**
 * Wraps any fetch (a replay, the simulated provider, a live provider) with faults. The upstream body is read to
 * its end before the faulty one starts, so the faults, not upstream timing, decide the pacing.
 */
export function withFaults(fetch: FetchLike, faults: Faults): FetchLike {
  const injector = createFaultInjector(faults);
  return async (input, init) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    signal?.throwIfAborted();
    const early = injector.httpFault();
    if (early) return early;
    const response = await fetch(input, init);
    if (!injector.shapesBodies || !response.body) return response;
    const chunks: Uint8Array[] = [];
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    const plan = injector.shape(planFromChunks(chunks), isEventStream(response.headers));
    return new Response(playBody(plan, signal ?? undefined), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

export function isEventStream(headers: Headers): boolean {
  return (headers.get("content-type") ?? "").toLowerCase().startsWith("text/event-stream");
}

function checkFaults(faults: Faults): void {
  const counts: Array<[string, number | undefined]> = [
    ["seed", faults.seed],
    ["maxChunkBytes", faults.maxChunkBytes],
    ["firstTokenDelayMs", faults.firstTokenDelayMs],
    ["chunkDelayMs", faults.chunkDelayMs],
    ["stall.afterEvents", faults.stall?.afterEvents],
    ["stall.ms", faults.stall?.ms],
    ["disconnectAfterEvents", faults.disconnectAfterEvents],
    ["invalidJsonAtEvent", faults.invalidJsonAtEvent],
    ["rateLimit.times", faults.rateLimit?.times],
    ["rateLimit.retryAfterSeconds", faults.rateLimit?.retryAfterSeconds],
    ["serverError.times", faults.serverError?.times],
  ];
  for (const [name, value] of counts) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`faults.${name} must be a number >= 0, got ${JSON.stringify(value)}`);
    }
  }
  if (faults.maxChunkBytes !== undefined && faults.maxChunkBytes < 1) {
    throw new RangeError("faults.maxChunkBytes must be at least 1");
  }
  const status = faults.serverError?.status;
  if (status !== undefined && !(Number.isInteger(status) && status >= 500 && status <= 599)) {
    throw new RangeError(`faults.serverError.status must be a 5xx status, got ${JSON.stringify(status)}`);
  }
  if (faults.rechunk !== undefined && faults.rechunk !== "byte" && faults.rechunk !== "random") {
    throw new RangeError(`faults.rechunk must be "byte" or "random", got ${JSON.stringify(faults.rechunk)}`);
  }
}
