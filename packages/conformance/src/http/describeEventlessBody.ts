/**
 * What a body asked for as server-sent events was, when not one complete event came out of it: a stream judged
 * only by what is missing (`message-end`, `[DONE]`) does not say why. JSON (an error sent with status 200) is
 * quoted; anything else is counted, as an event that no blank line ends is never dispatched.
 */
export function describeEventlessBody(text: string): string {
  try {
    JSON.parse(text);
    return `the body is JSON: ${text.slice(0, 120)}`;
  } catch {
    return `the body had ${new TextEncoder().encode(text).length} bytes but no complete SSE event (no blank line ends one)`;
  }
}
