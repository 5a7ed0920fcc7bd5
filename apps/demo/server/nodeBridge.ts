import type { IncomingMessage, ServerResponse } from "node:http";

/** Request bodies larger than this are refused; a chat request is a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Thrown by {@link readBody} for a body over {@link MAX_BODY_BYTES}. */
export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
}

/** Reads a Node request body as UTF-8 text, refusing bodies over `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) throw new BodyTooLargeError(`request body is larger than ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A web `Request` for a Node request whose body was already read. Its signal aborts when the browser
 * goes away before the response is complete (Stop in the demo), so the provider stops generating too.
 */
export function toWebRequest(req: IncomingMessage, res: ServerResponse, body: string): Request {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  return new Request(new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`), {
    method: req.method ?? "POST",
    headers,
    body,
    signal: controller.signal,
  });
}

/** Writes a web `Response` to a Node response, chunk by chunk as it arrives, so streams stay streams. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.on("close", () => {
    // The browser left: stop reading, which cancels the upstream body as well.
    if (!res.writableFinished) reader.cancel().catch(() => {});
  });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      res.write(value);
    }
    res.end();
  } catch {
    // The body broke mid-stream; the status is already sent, so closing is all that is left to say.
    res.destroy();
  }
}
