import { StreamError } from "./errors";
import type { StreamEvent } from "./types";

/** One server-sent event as it came off the wire: the `event:` name (if any) and the joined `data:` lines. */
export interface SseMessage {
  event: string | undefined;
  data: string;
}

/** Feeds bytes (or already decoded text) in and calls back once per complete server-sent event. */
export interface SseDecoder {
  /**
   * Feeds the next chunk of the body: bytes (a UTF-8 character split across chunks is joined), or text already
   * decoded. Calls back for each event the chunk completes, before it returns.
   */
  push(chunk: Uint8Array | string): void;
  /** The body ended: flushes a trailing multi-byte sequence. An unterminated last event is dropped, per the SSE spec. */
  end(): void;
}

const LF = 10;
const CR = 13;

/**
 * Bytes -> server-sent events, per the WHATWG event-stream grammar: CRLF, CR or LF line endings (a CR at the end of
 * one chunk and an LF at the start of the next are one break), comments and keep-alives skipped, `data:` with or
 * without its space, several `data:` lines joined by LF, lines and UTF-8 characters split anywhere across chunks.
 * `id:` and `retry:` are read past: Cohere never reconnects a stream. A leading byte-order mark goes with the
 * decoding (`TextDecoder` drops it); text pushed as a string is taken as already decoded.
 *
 * Written here rather than taken from eventsource-parser: it is a quarter of the size (the client's budget is 6 kB)
 * and does less work per line; `sse.test.ts` checks it against eventsource-parser on random streams and chunkings.
 */
export function createSseDecoder(onMessage: (message: SseMessage) => void): SseDecoder {
  const decoder = new TextDecoder();
  let pending = ""; // the start of a line whose end has not arrived
  let skipLF = false; // the last chunk ended in CR: an LF first in the next one belongs to it
  let data: string | undefined;
  let event: string | undefined;

  function line(text: string): void {
    if (text === "") {
      if (data !== undefined) onMessage({ event, data });
      data = event = undefined;
      return;
    }
    // The two fields Cohere sends are read without slicing out their names first: fewer strings per line.
    if (text.startsWith("data:")) {
      const value = text.slice(text.charCodeAt(5) === 32 ? 6 : 5);
      data = data === undefined ? value : `${data}\n${value}`;
      return;
    }
    if (text.startsWith("event:")) {
      event = text.slice(text.charCodeAt(6) === 32 ? 7 : 6);
      return;
    }
    const colon = text.indexOf(":");
    if (colon === 0) return; // a comment or keep-alive
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === "data") data = data === undefined ? value : `${data}\n${value}`;
    else if (field === "event") event = value;
  }

  function feed(text: string): void {
    let at = 0;
    if (skipLF && text) {
      skipLF = false;
      if (text.charCodeAt(0) === LF) at = 1;
    }
    const length = text.length;
    // Both searches are cached so a chunk with many lines is scanned once, not once per line.
    let lf = -2;
    let cr = -2;
    while (at < length) {
      if (lf !== -1 && lf < at) lf = text.indexOf("\n", at);
      if (cr !== -1 && cr < at) cr = text.indexOf("\r", at);
      const stop = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (stop === -1) {
        pending += text.slice(at);
        return;
      }
      const piece = text.slice(at, stop);
      const whole = pending ? pending + piece : piece;
      pending = "";
      at = stop + 1;
      if (text.charCodeAt(stop) === CR) {
        if (at === length) skipLF = true;
        else if (text.charCodeAt(at) === LF) at++;
      }
      line(whole);
    }
  }

  return {
    push(chunk) {
      feed(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      feed(decoder.decode());
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
      `Invalid JSON in stream event${message.event ? ` "${message.event}"` : ""}: ${data.slice(0, 120)}`,
      {
        cause,
      },
    );
  }
  if (typeof value !== "object" || value === null || typeof (value as { type?: unknown }).type !== "string") {
    throw new StreamError(`Stream event without a string "type": ${data.slice(0, 120)}`);
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
