/** What stands in for the secret wherever it would have been sent. */
export const REDACTED = "[redacted]";

/**
 * A text transform that replaces every occurrence of `secret`, even one split across chunks.
 * It holds back only the longest chunk tail that could still begin the secret (for SSE text that
 * ends in a blank line, nothing), so streaming is not delayed.
 */
export function redactSecret(secret: string): TransformStream<string, string> {
  let pending = "";
  return new TransformStream({
    transform(chunk, controller) {
      const text = (pending + chunk).replaceAll(secret, REDACTED);
      const keep = partialMatchLength(text, secret);
      pending = text.slice(text.length - keep);
      if (keep < text.length) controller.enqueue(text.slice(0, text.length - keep));
    },
    flush(controller) {
      if (pending) controller.enqueue(pending);
    },
  });
}

/** Length of the longest suffix of `text` that is a proper prefix of `secret`. */
function partialMatchLength(text: string, secret: string): number {
  for (let length = Math.min(secret.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(secret.slice(0, length))) return length;
  }
  return 0;
}
