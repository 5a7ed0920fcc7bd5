import type { FetchInit, FetchLike } from "../client";
import { frameJsonLines, type RecordedReply, type RecordedStream } from "./recordings";

/**
 * The one fake network of core's tests: a `fetch` that answers from a script and records every request, plus
 * builders for the responses a real server (or a broken one) sends.
 */

export interface CapturedRequest {
  url: string;
  init: FetchInit;
  /** The parsed JSON body. */
  body: Record<string, unknown>;
}

/** One scripted answer: a response, an error to reject with, or a function of the request. */
export type Answer = Response | Error | ((request: CapturedRequest) => Response | Promise<Response>);

export interface FakeFetch extends FetchLike {
  calls: CapturedRequest[];
}

/** A `fetch` that gives the answers in order, one per request; a request beyond the script fails the test. */
export function fakeFetch(...answers: Answer[]): FakeFetch {
  const calls: CapturedRequest[] = [];
  const fetch = async (url: string, init: FetchInit): Promise<Response> => {
    const request = { url, init, body: JSON.parse(init.body) as Record<string, unknown> };
    calls.push(request);
    const answer = answers[calls.length - 1];
    if (answer === undefined) throw new Error(`fakeFetch: unexpected request #${calls.length}`);
    if (answer instanceof Error) throw answer;
    return typeof answer === "function" ? answer(request) : answer;
  };
  return Object.assign(fetch, { calls });
}

/** A `fetch` that never answers and ignores its signal, as some fetch implementations do. */
export function hangingFetch(): FakeFetch {
  return fakeFetch(() => new Promise<Response>(() => {}));
}

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "content-type": "application/json", ...(init.headers as Record<string, string>) },
  });
}

/** An event-stream response whose body arrives in exactly these chunks. */
export function sseResponse(chunks: Array<string | Uint8Array>, init: ResponseInit = {}): Response {
  return new Response(chunkedBody(chunks), {
    status: init.status ?? 200,
    headers: { "content-type": "text/event-stream", ...(init.headers as Record<string, string>) },
  });
}

/** A body that yields these chunks, one per read. */
export function chunkedBody(chunks: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
    },
  });
}

/**
 * A body that yields these chunks and then goes silent forever. Its source ignores cancellation (it neither
 * closes nor settles), like a stalled connection behind a fetch that does not honour signals.
 */
export function hangingBody(chunks: Array<string | Uint8Array> = []): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk === undefined) return new Promise<void>(() => {});
      controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
    },
    cancel: () => new Promise<void>(() => {}),
  });
}

/** A body that yields these chunks and then fails to read with `error` (whatever type a runtime uses). */
export function brokenBody(chunks: Array<string | Uint8Array>, error: unknown): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk === undefined) controller.error(error);
      else controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
    },
  });
}

/** Events as Cohere frames them on the wire, with or without the closing `data: [DONE]`. */
export function sseFrames(events: readonly object[], done = true): string {
  const jsonl = events.map((event) => JSON.stringify(event)).join("\n");
  const framed = frameJsonLines(jsonl);
  return done ? framed : framed.slice(0, -"data: [DONE]\n\n".length);
}

/** A recorded non-streamed reply as the `Response` the server sent. */
export function recordedResponse(reply: RecordedReply): Response {
  return new Response(reply.body, {
    status: reply.status,
    headers: { "content-type": "application/json", ...reply.headers },
  });
}

/** A recorded stream as the `Response` the server sent, its body cut into chunks of `chunkSize` bytes. */
export function recordedStreamResponse(stream: RecordedStream, chunkSize = 64): Response {
  const bytes = new TextEncoder().encode(stream.sse);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
  return sseResponse(chunks);
}
