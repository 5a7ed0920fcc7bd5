/** How a tapped body ended: read to its end, broken by an error, or cancelled by its reader. */
export type BodyEnd =
  | { kind: "end" }
  | { kind: "error"; error: unknown }
  | { kind: "cancel"; reason: unknown };

/** What a tap is told as the body passes through. */
export interface BodyTap {
  /** Each chunk, as the reader takes it. */
  onChunk?: (chunk: Uint8Array) => void;
  /** Once, when the body ends, breaks or is cancelled. */
  onEnd?: (end: BodyEnd) => void;
}

/**
 * Watches a response body as its reader reads it: the reader gets every byte unchanged and when it asks for it
 * (pull-based, nothing runs ahead), and cancelling still reaches the source. The one body tap: the recording fetch
 * and stream recorders (the demo's timeline) are built on it. A response without a body is returned as it is.
 */
export function tapBody(response: Response, tap: BodyTap): Response {
  if (!response.body) return response;
  const reader = response.body.getReader();
  let ended = false;
  const end = (how: BodyEnd) => {
    if (ended) return;
    ended = true;
    tap.onEnd?.(how);
  };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch (error) {
        end({ kind: "error", error });
        controller.error(error);
        return;
      }
      // A read in flight when the reader cancelled still resolves; it no longer counts.
      if (ended) return;
      if (read.done) {
        end({ kind: "end" });
        controller.close();
        return;
      }
      tap.onChunk?.(read.value);
      controller.enqueue(read.value);
    },
    cancel(reason) {
      end({ kind: "cancel", reason });
      return reader.cancel(reason);
    },
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
