import type { Cassette, RecordedResponse } from "../cassette/cassette";
import { createFaultInjector, type Faults, isEventStream } from "../faults/faults";
import { planFromChunks, playBody } from "../http/bodyPlan";
import { errorResponse } from "../http/errorResponse";
import { type FetchLike, toRequest } from "../http/fetchLike";
import { TRANSFER_HEADERS } from "../http/transferHeaders";
import { createMatcher, type MatchOptions, readIncoming } from "./matchRequest";

export interface ReplayOptions extends MatchOptions {
  /**
   * `"recorded"` waits between chunks as the cassette's `pacing` says; `"none"` sends them as fast as they are read.
   * @default "none"
   */
  pacing?: "none" | "recorded";
  /**
   * Speed factor for recorded pacing: 2 replays twice as fast, 0.5 at half speed.
   * @default 1
   */
  speed?: number;
  /** Faults to inject into every answer (see {@link Faults}). */
  faults?: Faults;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A `fetch` that answers from cassettes: the first interaction whose request matches (method, path, JSON body with
 * key order ignored; see {@link MatchOptions}), streamed chunk by chunk as recorded. A request nothing matches gets
 * a 404 with a Cohere-shaped `{"message"}` naming the closest recorded request and where they differ.
 */
export function createReplayFetch(
  cassettes: Cassette | readonly Cassette[],
  options: ReplayOptions = {},
): FetchLike {
  const list = Array.isArray(cassettes) ? cassettes : [cassettes as Cassette];
  const find = createMatcher(list, options);
  const respond = createResponder(options);
  return async (input, init) => {
    const request = toRequest(input, init);
    const signal = init?.signal ?? request.signal;
    signal.throwIfAborted();
    const early = respond.httpFault();
    if (early) return early;
    const incoming = await readIncoming(request);
    if ("refused" in incoming) return errorResponse(400, incoming.refused);
    const found = find(incoming);
    if ("message" in found) return errorResponse(404, found.message);
    return respond(found.interaction.response, signal);
  };
}

/** Plays recorded responses as the options say (pacing, speed, faults); shared by replay and record-if-missing. */
export function createResponder(options: ReplayOptions) {
  const speed = options.speed ?? 1;
  if (!(Number.isFinite(speed) && speed > 0))
    throw new RangeError(`speed must be a number > 0, got ${speed}`);
  const faults = options.faults ? createFaultInjector(options.faults) : undefined;
  const respond = (recorded: RecordedResponse, signal: AbortSignal): Response => {
    const headers = responseHeaders(recorded);
    if (NULL_BODY_STATUSES.has(recorded.status))
      return new Response(null, { status: recorded.status, headers });
    let plan = planFromChunks(recorded.chunks ?? [bodyText(recorded)], {
      pacing: options.pacing === "recorded" ? recorded.pacing : undefined,
      speed,
    });
    if (faults) plan = faults.shape(plan, isEventStream(headers));
    return new Response(playBody(plan, signal), { status: recorded.status, headers });
  };
  return Object.assign(respond, { httpFault: () => faults?.httpFault() });
}

function bodyText(response: RecordedResponse): string {
  if (response.body === undefined) return "";
  return typeof response.body === "string" ? response.body : JSON.stringify(response.body);
}

function responseHeaders(response: RecordedResponse): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (!TRANSFER_HEADERS.has(name.toLowerCase())) headers.set(name, value);
  }
  if (!headers.has("content-type")) {
    if (response.chunks) headers.set("content-type", "text/event-stream");
    else if (response.body !== undefined && typeof response.body !== "string") {
      headers.set("content-type", "application/json");
    } else if (response.body !== undefined) headers.set("content-type", "text/plain; charset=utf-8");
  }
  return headers;
}
