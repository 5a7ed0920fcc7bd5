import { createParser } from "eventsource-parser";
import { StreamError } from "./errors";
import type { StreamEvent } from "./types";

/** One server-sent event as it came off the wire: the `event:` name (if any) and the joined `data:` lines. */
export interface SseMessage {
  event: string | undefined;
  data: string;
}

/** Feeds bytes (or already decoded text) in and calls back once per complete server-sent event. */
export interface SseDecoder {
  push(chunk: Uint8Array | string): void;
  /** The body ended: flushes a trailing multi-byte sequence. An unterminated last event is dropped, per the SSE spec. */
  end(): void;
}

/**
 * Bytes -> server-sent events. Framing (CRLF/CR/LF, comments and keep-alives, `data:` with or without a space,
 * lines split anywhere) is eventsource-parser's; UTF-8 characters split across chunks are kept whole by one
 * streaming `TextDecoder`.
 */
export function createSseDecoder(onMessage: (message: SseMessage) => void): SseDecoder {
  const decoder = new TextDecoder();
  const parser = createParser({ onEvent: (event) => onMessage({ event: event.event, data: event.data }) });
  return {
    push(chunk) {
      parser.feed(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      const rest = decoder.decode();
      if (rest) parser.feed(rest);
    },
  };
}

/** The terminator Cohere sends after `message-end`. */
export const DONE = "done";

/**
 * One server-sent event -> one typed stream event, or `"done"` for the terminator. `[DONE]` ends the stream only
 * as the whole payload: a token whose text contains `[DONE]` is just text. Unknown event types pass through as
 * they came; the `event:` line is informational, the JSON `type` is what counts (as in Cohere's own SDKs).
 */
export function parseStreamEvent(message: SseMessage): StreamEvent | typeof DONE {
  const data = message.data;
  if (data === "[DONE]") return DONE;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (cause) {
    throw new StreamError(
      `Invalid JSON in stream event${message.event ? ` "${message.event}"` : ""}: ${clip(data)}`,
      {
        cause,
      },
    );
  }
  if (typeof value !== "object" || value === null || typeof (value as { type?: unknown }).type !== "string") {
    throw new StreamError(`Stream event without a string "type": ${clip(data)}`);
  }
  return value as StreamEvent;
}

/** Recorded chunks -> the events they carry, up to `[DONE]`. Throws `StreamError` on invalid JSON. */
export function decodeEvents(chunks: Iterable<Uint8Array | string>): StreamEvent[] {
  const events: StreamEvent[] = [];
  let done = false;
  const decoder = createSseDecoder((message) => {
    if (done) return;
    const event = parseStreamEvent(message);
    if (event === DONE) done = true;
    else events.push(event);
  });
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return events;
}

function clip(text: string): string {
  return text.length > 120 ? `${JSON.stringify(text.slice(0, 120))}…` : JSON.stringify(text);
}
