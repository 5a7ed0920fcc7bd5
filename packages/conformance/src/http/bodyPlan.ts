import { anySignal } from "./anySignal";
import { sleep } from "./sleep";

/**
 * A response body as a script: the bytes, where chunks end, where to wait, and how it ends. Recorded chunks,
 * recorded pacing and every fault are edits of this one structure, and {@link playBody} performs it.
 */
export interface BodyPlan {
  bytes: Uint8Array;
  /** Offsets where one chunk ends and the next begins (0 < cut < bytes.length). */
  cuts: number[];
  /** Pauses before the byte at `offset` is sent; `Infinity` waits until the request is aborted. */
  waits: Array<{ offset: number; ms: number }>;
  /** `"disconnect"`: the connection drops after the last byte instead of closing cleanly. */
  end: "close" | "disconnect";
}

const encoder = new TextEncoder();

/** A plan that sends the chunks as they are, waiting between them as `pacing` (arrival offsets in ms) says. */
export function planFromChunks(
  chunks: ReadonlyArray<string | Uint8Array>,
  options: { pacing?: readonly number[]; speed?: number } = {},
): BodyPlan {
  const parts = chunks.map((chunk) => (typeof chunk === "string" ? encoder.encode(chunk) : chunk));
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  const cuts: number[] = [];
  const waits: BodyPlan["waits"] = [];
  const speed = options.speed ?? 1;
  let offset = 0;
  let previousArrival = 0;
  parts.forEach((part, i) => {
    const arrival = options.pacing?.[i];
    if (arrival !== undefined && speed > 0 && arrival > previousArrival) {
      waits.push({ offset, ms: (arrival - previousArrival) / speed });
    }
    if (arrival !== undefined) previousArrival = Math.max(previousArrival, arrival);
    bytes.set(part, offset);
    offset += part.length;
    if (offset > 0 && offset < bytes.length && cuts.at(-1) !== offset) cuts.push(offset);
  });
  return { bytes, cuts, waits, end: "close" };
}

/** The error a reader sees when a planned disconnect drops the connection, like undici's own. */
export function disconnectError(): TypeError {
  return new TypeError("terminated: the connection closed in the middle of the body");
}

/**
 * Performs a plan as a byte stream: one `enqueue` per chunk, pauses honoured, errored with the signal's reason
 * when it aborts. Pull-based, so nothing runs ahead of the reader.
 */
export function playBody(plan: BodyPlan, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const stops = [...new Set([...plan.cuts, ...plan.waits.map((wait) => wait.offset)])]
    .filter((offset) => offset > 0 && offset < plan.bytes.length)
    .sort((a, b) => a - b);
  stops.push(plan.bytes.length);
  const cancel = new AbortController();
  const abort = signal ? anySignal([signal, cancel.signal]) : cancel.signal;
  // Summed once per offset, so each chunk costs O(1) however many pauses the plan holds (a paced reply has one
  // per token).
  const pauses = new Map<number, number>();
  for (const wait of plan.waits) pauses.set(wait.offset, (pauses.get(wait.offset) ?? 0) + wait.ms);
  const waitsAt = (offset: number) => pauses.get(offset) ?? 0;
  let start = 0;
  let next = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const waitMs = waitsAt(start);
        if (waitMs > 0) await sleep(waitMs, abort);
        else abort.throwIfAborted();
        if (start < plan.bytes.length) {
          const stop = stops[next++] ?? plan.bytes.length;
          controller.enqueue(plan.bytes.slice(start, stop));
          start = stop;
          // A pause planned after the last byte (a stall at the very end) still happens before the end.
          if (start < plan.bytes.length || waitsAt(start) > 0) return;
        }
        if (plan.end === "disconnect") controller.error(disconnectError());
        else controller.close();
      } catch (error) {
        if (!cancel.signal.aborted) controller.error(error);
      }
    },
    cancel(reason) {
      cancel.abort(reason);
    },
  });
}
