import type { StreamEvent } from "@parley/core";
import { createSseDecoder, parseStreamEvent } from "@parley/core/protocol";
import { describeEventlessBody } from "../http/describeEventlessBody";
import type { Exchange } from "./exchange";

/** A streamed body taken apart: each server-sent event, what it parsed to, and where it broke. */
export interface StreamReading {
  /** Parsed events, up to `[DONE]`, in order; an event whose JSON failed to parse is left out. */
  events: StreamEvent[];
  /** `event:` lines that disagree with the JSON `type`, by event index. */
  nameMismatches: Array<{ eventIndex: number; event: string | undefined; type: string }>;
  /** The first event whose data is not a JSON event. */
  invalid?: { eventIndex: number; message: string };
  /** Whether `data: [DONE]` came. */
  done: boolean;
  /** Server-sent events after `[DONE]`. */
  afterDone: number;
  /** Where the first line ending that is a bare CR (legal SSE, not LF or CRLF) is, as a character offset. */
  bareCr?: number;
  /** ms from the request to the first token (content, plan or argument delta). */
  ttftMs?: number;
  /** What the body was, when not one complete event came out of it. */
  eventless?: string;
}

const TOKEN_EVENTS = new Set(["content-delta", "tool-plan-delta", "tool-call-delta"]);

/** Reads a recorded stream with core's own SSE decoder, timing the first token by the chunk that carried it. */
export function readStream(exchange: Exchange): StreamReading {
  const reading: StreamReading = { events: [], nameMismatches: [], done: false, afterDone: 0 };
  let index = 0;
  let arrival = 0;
  const decoder = createSseDecoder((message) => {
    if (reading.done) {
      reading.afterDone++;
      return;
    }
    let event: ReturnType<typeof parseStreamEvent>;
    try {
      event = parseStreamEvent(message);
    } catch (error) {
      reading.invalid ??= { eventIndex: index, message: (error as Error).message };
      index++;
      return;
    }
    if (event === "done") {
      reading.done = true;
      return;
    }
    if (message.event !== event.type) {
      reading.nameMismatches.push({ eventIndex: index, event: message.event, type: event.type });
    }
    if (reading.ttftMs === undefined && TOKEN_EVENTS.has(event.type)) reading.ttftMs = arrival;
    reading.events.push(event);
    index++;
  });
  exchange.chunks.forEach((chunk, i) => {
    arrival = exchange.arrivals[i] ?? 0;
    decoder.push(chunk);
  });
  decoder.end();
  // A CR inside JSON data is escaped, so any raw CR not before an LF ends a line.
  const bareCr = exchange.text.search(/\r(?!\n)/);
  if (bareCr >= 0) reading.bareCr = bareCr;
  if (index === 0 && !reading.done) reading.eventless = describeEventlessBody(exchange.text);
  return reading;
}
