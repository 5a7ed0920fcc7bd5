import { createSseDecoder, type SseMessage } from "@parley/core/protocol";

/** One server-sent event found in a body: its bytes `[start, end)` and what it decoded to. */
export interface EventSpan {
  start: number;
  end: number;
  message: SseMessage;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Finds where each event of a server-sent-event body sits, byte for byte, using core's decoder (the one SSE
 * parser): the body is fed up to each line terminator in turn, so an event ends at the terminator whose feed
 * made it dispatch. Bytes before an event (comments, blank lines) belong to its span.
 */
export function locateEvents(bytes: Uint8Array): EventSpan[] {
  const spans: EventSpan[] = [];
  const pending: SseMessage[] = [];
  const decoder = createSseDecoder((message) => pending.push(message));
  let start = 0;
  let fed = 0;
  const feedTo = (end: number) => {
    decoder.push(bytes.subarray(fed, end));
    fed = end;
    for (const message of pending.splice(0)) {
      spans.push({ start, end, message });
      start = end;
    }
  };
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === LF || bytes[i] === CR) feedTo(i + 1);
  }
  if (fed < bytes.length) feedTo(bytes.length);
  decoder.end();
  return spans;
}
