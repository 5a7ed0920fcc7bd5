import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChatHandler } from "./chatHandlerOptions";
import { jsonError } from "./jsonError";

/** How `toNodeHandler` treats a slow client: the time it has to send its request body. */
export interface NodeHandlerOptions {
  /**
   * Milliseconds the client has to send its whole request body; a slower one (slowloris) gets 408 and its
   * connection is closed. (Slow headers are the server's to time out: `server.headersTimeout`.)
   * @default 30000
   */
  bodyTimeoutMs?: number | undefined;
}

/** Node's request with what Express's or Connect's body parsers may have left on it. */
type NodeRequest = IncomingMessage & { body?: unknown };

/** How long a connection whose upload was cut off may take to read the refusal before it is closed. */
const CLOSE_GRACE_MS = 1000;

/**
 * Adapts a web-standard handler (`createChatHandler`'s) to Node's `http`, Express and Connect:
 * `app.post("/api/v2/chat", toNodeHandler(handler))`. The body is handed to the handler as a stream read only as
 * fast as it reads it (so its size limit holds while reading), the answer is written as it arrives and only as fast
 * as the client takes it, and the handler's request is aborted when the client's connection closes.
 */
export function toNodeHandler(
  handler: ChatHandler,
  options: NodeHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void {
  const { bodyTimeoutMs = 30_000 } = options;
  return (req, res) => {
    serve(handler, req, res, bodyTimeoutMs).catch(() => {
      // A failure of the handler itself (never of the client's making): say so if the status is not sent yet.
      if (!res.headersSent) sendWeb(res, jsonError(500, "the chat handler failed"));
      else res.destroy();
    });
  };
}

async function serve(handler: ChatHandler, req: NodeRequest, res: ServerResponse, bodyTimeoutMs: number) {
  const controller = new AbortController();
  let answered = false; // the timeout answered before the handler did
  let wake: (() => void) | undefined;
  const onClose = () => {
    if (!res.writableFinished) controller.abort();
    wake?.();
  };
  res.once("close", onClose);

  let url: URL;
  try {
    url = new URL(
      req.url ?? "/",
      `${isEncrypted(req) ? "https" : "http"}://${req.headers.host ?? "localhost"}`,
    );
  } catch {
    return sendWeb(res, jsonError(400, "the request's Host header or path is not valid"));
  }
  const upload = uploadOf(req, () => {
    // The rest of the body is not wanted: close the connection once the refusal is out, not drain a huge upload.
    if (!res.headersSent) res.setHeader("connection", "close");
    res.once("finish", () => setTimeout(() => req.socket.destroy(), CLOSE_GRACE_MS).unref());
  });
  const timer = setTimeout(() => {
    if (upload.complete()) return;
    answered = true;
    controller.abort();
    upload.fail(new Error(`the client did not send its body within ${bodyTimeoutMs} ms`));
    res.setHeader("connection", "close");
    sendWeb(res, jsonError(408, `the request body did not arrive within ${bodyTimeoutMs} ms`));
    res.once("finish", () => req.socket.destroy());
  }, bodyTimeoutMs);
  timer.unref();

  let request: Request;
  try {
    request = new Request(url, {
      method: req.method ?? "GET",
      headers: headersOf(req),
      body: upload.body,
      signal: controller.signal,
      duplex: "half",
    } as RequestInit);
  } catch {
    // CONNECT, TRACE and TRACK: methods a web Request may not carry, so the handler could not refuse them itself.
    clearTimeout(timer);
    return sendWeb(
      res,
      jsonError(405, `${req.method} is not allowed on this endpoint; use POST`, { allow: "POST" }),
    );
  }
  let response: Response;
  try {
    response = await handler(request);
  } finally {
    clearTimeout(timer);
  }
  if (answered || res.destroyed) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  await sendWeb(res, response, (resolve) => {
    wake = resolve;
  });
  res.off("close", onClose);
}

/**
 * Writes a web `Response` to Node's: the status and headers at once, then each chunk as it comes, waiting for
 * `drain` whenever Node's buffer is full. One `drain` listener per answer, not one per wait.
 */
async function sendWeb(
  res: ServerResponse,
  response: Response,
  onWait: (wake: () => void) => void = () => {},
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  res.flushHeaders();
  const reader = response.body.getReader();
  let waiting: (() => void) | undefined;
  const wake = () => {
    const resolve = waiting;
    waiting = undefined;
    resolve?.();
  };
  onWait(wake);
  // The client left: stop reading, which cancels the body (and the upstream behind it) even mid-read.
  const onClose = () => {
    if (!res.writableFinished) reader.cancel().catch(() => {});
  };
  res.once("close", onClose);
  res.on("drain", wake);
  try {
    for (;;) {
      if (res.destroyed) {
        await reader.cancel().catch(() => {});
        return;
      }
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) {
        await reader.cancel().catch(() => {});
        return;
      }
      if (!res.write(value)) await new Promise<void>((resolve) => (waiting = resolve));
    }
    res.end();
  } catch {
    // The body broke mid-stream; the status is already sent, so closing is all that is left to say.
    res.destroy();
  } finally {
    res.off("drain", wake);
    res.off("close", onClose);
  }
}

interface Upload {
  body: ReadableStream<Uint8Array> | string | undefined;
  complete(): boolean;
  fail(error: Error): void;
}

/**
 * The request body as a web stream that reads from Node only when the handler pulls (Node's buffer keeps the
 * socket paused meanwhile). `onCut` runs when the handler cancels it (a body past its limit).
 */
function uploadOf(req: NodeRequest, onCut: () => void): Upload {
  if (req.method === "GET" || req.method === "HEAD")
    return { body: undefined, complete: () => true, fail() {} };
  // Express's or Connect's body parser already read it: hand on what it made.
  if (req.readableEnded && req.body !== undefined) {
    const body = typeof req.body === "string" ? req.body : JSON.stringify(req.body);
    return { body, complete: () => true, fail() {} };
  }
  let ended = false;
  let failed = false;
  let stream!: ReadableStreamDefaultController<Uint8Array>;
  const cleanup = () => {
    req.off("data", onData);
    req.off("end", onEnd);
    req.off("error", onAbort);
    req.off("close", onAbort);
  };
  const fail = (error: Error) => {
    if (ended || failed) return;
    failed = true;
    cleanup();
    stream.error(error);
  };
  const onData = (chunk: Buffer) => {
    stream.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((stream.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = () => {
    ended = true;
    cleanup();
    stream.close();
  };
  // Node reports a client that leaves mid-upload as an error ("aborted"), then a close.
  const onAbort = () => {
    if (!req.complete) fail(new Error("the client closed the connection during the upload"));
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stream = controller;
        req.pause();
        req.on("data", onData);
        req.on("end", onEnd);
        req.on("error", onAbort);
        req.on("close", onAbort);
      },
      pull() {
        req.resume();
      },
      cancel() {
        failed = true;
        cleanup();
        req.pause();
        onCut();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
  return { body, complete: () => ended, fail };
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    try {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else headers.set(name, value);
    } catch {} // a value the web's Headers refuses (Node is laxer) is dropped, not fatal
  }
  return headers;
}

function isEncrypted(req: IncomingMessage): boolean {
  return (req.socket as { encrypted?: boolean }).encrypted === true;
}
