// A line ending (CRLF, CR or LF) followed by another: the blank line that ends a server-sent event.
const BLANK_LINE = /(?:\r\n|\r(?!\n)|\n)(?:\r\n|\r(?!\n)|\n)/;

/**
 * What a body asked for as server-sent events was, when not one complete event came out of it: a stream judged
 * only by what is missing (`message-end`, `[DONE]`) does not say why. JSON (an error sent with status 200) is
 * quoted; anything else is counted, as an event that no blank line ends is never dispatched.
 */
export function describeEventlessBody(text: string, bytes: number): string {
  if (bytes === 0) return "the body was empty";
  try {
    const json = JSON.stringify(JSON.parse(text));
    return `the body is JSON, not server-sent events: ${json.length > 120 ? `${json.slice(0, 120)}…` : json}`;
  } catch {
    const why = BLANK_LINE.test(text) ? "none carries data" : "no blank line ends one";
    const start = text.length > 60 ? `${text.slice(0, 60)}…` : text;
    const sse = /^(?:data|event):/m.test(text) ? "" : `; it starts ${JSON.stringify(start)}`;
    return `the body had ${bytes} bytes but no complete SSE event (${why})${sse}`;
  }
}
