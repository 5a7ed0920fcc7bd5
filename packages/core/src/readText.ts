import { ParleyError } from "./errors";
import { noop } from "./signals";

/**
 * Reads a body to the end, at most `max` bytes: past them it stops reading and rejects. On abort it cancels the
 * body itself, which ends the pending read at once even when the `fetch` that produced it ignores its signal. The
 * body is cancelled whatever the outcome, so its connection is always let go.
 */
export async function readText(response: Response, signal: AbortSignal, max: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const cancel = () => reader.cancel(signal.reason).catch(noop);
  signal.addEventListener("abort", cancel, { once: true });
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (done) return text + decoder.decode();
      size += value.byteLength;
      if (size > max) throw new ParleyError(tooLarge(max));
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal.removeEventListener("abort", cancel);
    cancel();
  }
}

/** What a reply past `maxResponseBytes` is told with, in `chat()` and in a stream alike. */
export const tooLarge = (max: number) => `The reply passed maxResponseBytes (${max} bytes)`;
