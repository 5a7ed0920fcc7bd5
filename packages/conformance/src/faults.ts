import { parseStreamEvent } from "@parley/core";
import { type BodyPlan, planFromChunks, playBody } from "./bodyPlan";
import type { FetchLike } from "./fetchLike";
import { locateEvents } from "./locateEvents";
import { createPrng } from "./prng";

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

const encoder = new TextEncoder();
const SERVER_ERROR_MESSAGES: Record<number, string> = {
  500: "internal server error",
  502: "bad gateway",
  503: "service unavailable: the server is overloaded, please try again later",
  504: "gateway timeout",
};

export function createFaultInjector(faults: Faults): FaultInjector {
  checkFaults(faults);
  const random = createPrng(faults.seed ?? 1);
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
          {
            "retry-after": String(rateLimit.retryAfterSeconds ?? 1),
          },
        );
      }
      if (serverError && serverErrors < (serverError.times ?? 1)) {
        serverErrors++;
        const status = serverError.status ?? 503;
        return errorResponse(status, SERVER_ERROR_MESSAGES[status] ?? `server error ${status}`);
      }
      return undefined;
    },
    shape(plan, eventStream) {
      let shaped = eventStream ? editEvents(plan, faults) : plan;
      shaped = rechunk(shaped, faults, random);
      return addDelays(shaped, faults);
    },
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

/** A Cohere-shaped error answer: JSON `{"message": ...}`. */
export function errorResponse(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ message }), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
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

/** Event faults: rewrite or drop whole events, then mark where to stall or disconnect. */
function editEvents(plan: BodyPlan, faults: Faults): BodyPlan {
  let shaped = plan;
  if (faults.invalidJsonAtEvent !== undefined || faults.dropMessageEnd) {
    const edits: Edit[] = [];
    locateEvents(plan.bytes).forEach((span, index) => {
      const { event, data } = span.message;
      if (index === faults.invalidJsonAtEvent) {
        const broken = data.slice(0, Math.max(1, Math.floor(data.length / 2)));
        const text = `${event ? `event: ${event}\n` : ""}data: ${broken}\n\n`;
        edits.push({ start: span.start, end: span.end, replacement: encoder.encode(text) });
      } else if (faults.dropMessageEnd && isMessageEnd(span.message)) {
        edits.push({ start: span.start, end: span.end, replacement: new Uint8Array() });
      }
    });
    shaped = applyEdits(shaped, edits);
  }
  const { stall, disconnectAfterEvents } = faults;
  if (stall === undefined && disconnectAfterEvents === undefined) return shaped;
  const ends = [0, ...locateEvents(shaped.bytes).map((span) => span.end)];
  if (stall !== undefined) {
    const offset = ends[stall.afterEvents];
    if (offset !== undefined)
      shaped = { ...shaped, waits: [...shaped.waits, { offset, ms: stall.ms ?? Infinity }] };
  }
  if (disconnectAfterEvents !== undefined) {
    const offset = ends[disconnectAfterEvents];
    if (offset !== undefined) shaped = truncate(shaped, offset);
  }
  return shaped;
}

function isMessageEnd(message: { event: string | undefined; data: string }): boolean {
  try {
    const event = parseStreamEvent(message);
    return event !== "done" && event.type === "message-end";
  } catch {
    return false;
  }
}

interface Edit {
  start: number;
  end: number;
  replacement: Uint8Array;
}

/** Replaces byte ranges, keeping the other chunk cuts and pauses where their bytes moved to. */
function applyEdits(plan: BodyPlan, edits: readonly Edit[]): BodyPlan {
  if (edits.length === 0) return plan;
  const parts: Uint8Array[] = [];
  const cuts = new Set<number>();
  const waits: BodyPlan["waits"] = [];
  let read = 0;
  let written = 0;
  const copyTo = (end: number) => {
    for (const cut of plan.cuts) if (cut > read && cut < end) cuts.add(written + cut - read);
    for (const wait of plan.waits) {
      if (wait.offset >= read && wait.offset < end)
        waits.push({ ...wait, offset: written + wait.offset - read });
    }
    parts.push(plan.bytes.subarray(read, end));
    written += end - read;
    read = end;
  };
  for (const edit of edits) {
    copyTo(edit.start);
    cuts.add(written);
    parts.push(edit.replacement);
    written += edit.replacement.length;
    cuts.add(written);
    read = edit.end;
  }
  copyTo(plan.bytes.length);
  for (const wait of plan.waits)
    if (wait.offset === plan.bytes.length) waits.push({ ...wait, offset: written });
  const bytes = concat(parts, written);
  return {
    ...plan,
    bytes,
    cuts: [...cuts].filter((cut) => cut > 0 && cut < written).sort((a, b) => a - b),
    waits,
  };
}

function truncate(plan: BodyPlan, offset: number): BodyPlan {
  return {
    bytes: plan.bytes.slice(0, offset),
    cuts: plan.cuts.filter((cut) => cut < offset),
    waits: plan.waits.filter((wait) => wait.offset <= offset),
    end: "disconnect",
  };
}

function rechunk(plan: BodyPlan, faults: Faults, random: () => number): BodyPlan {
  const length = plan.bytes.length;
  let cuts = plan.cuts;
  if (faults.rechunk === "byte") {
    cuts = Array.from({ length: Math.max(0, length - 1) }, (_, i) => i + 1);
  } else if (faults.rechunk === "random") {
    const max = faults.maxChunkBytes ?? 32;
    cuts = [];
    for (
      let offset = 1 + Math.floor(random() * max);
      offset < length;
      offset += 1 + Math.floor(random() * max)
    ) {
      cuts.push(offset);
    }
  }
  if (faults.splitMultibyte) {
    const inside: number[] = [];
    // A lead byte of a multi-byte sequence is 11xxxxxx; cutting right after it splits the character.
    plan.bytes.forEach((byte, i) => {
      if (byte >= 0xc0 && i + 1 < length) inside.push(i + 1);
    });
    cuts = [...new Set([...cuts, ...inside])].sort((a, b) => a - b);
  }
  return cuts === plan.cuts ? plan : { ...plan, cuts };
}

function addDelays(plan: BodyPlan, faults: Faults): BodyPlan {
  const waits = [...plan.waits];
  if (faults.firstTokenDelayMs) waits.push({ offset: 0, ms: faults.firstTokenDelayMs });
  if (faults.chunkDelayMs) {
    const starts = new Set([...plan.cuts, ...plan.waits.map((wait) => wait.offset)]);
    for (const offset of starts) {
      if (offset > 0 && offset < plan.bytes.length) waits.push({ offset, ms: faults.chunkDelayMs });
    }
  }
  return waits.length === plan.waits.length ? plan : { ...plan, waits };
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}
