import type { ServerResponse } from "node:http";

/**
 * Writes a web body to Node's response chunk by chunk, each as it comes, and only as fast as the client takes it:
 * when Node's buffer is full it waits for `drain`. One `drain` and one `close` listener per answer, however many
 * waits (a listener per wait would pile up on a slow reader). A client that leaves cancels the body, even mid-read;
 * a body that breaks drops the connection, as a failing upstream would.
 */
export async function writeBody(res: ServerResponse, body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  let waiting: (() => void) | undefined;
  const wake = () => {
    const resolve = waiting;
    waiting = undefined;
    resolve?.();
  };
  const onClose = () => {
    if (!res.writableFinished) reader.cancel().catch(() => {});
    wake();
  };
  res.on("drain", wake);
  res.on("close", onClose);
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      if (res.destroyed) return;
      if (!res.write(read.value) && !res.destroyed) await new Promise<void>((resolve) => (waiting = resolve));
    }
    if (!res.destroyed) res.end();
  } catch {
    // The body broke (a planned disconnect, an upstream failure): end the connection abruptly so the client sees
    // what it would see on the wire, not a clean end.
    void reader.cancel().catch(() => {});
    res.destroy();
  } finally {
    res.off("drain", wake);
    res.off("close", onClose);
  }
}
