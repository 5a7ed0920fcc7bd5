import { once } from "node:events";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FetchLike } from "./fetchLike";
import { TRANSFER_HEADERS } from "./transferHeaders";

export interface ServerOptions {
  /**
   * Port to listen on; 0 picks a free one (read it from `url`).
   * @default 0
   */
  port?: number;
  /**
   * Interface to listen on. Loopback only by default: a replay or a recorder is a test tool, not a public service.
   * @default "127.0.0.1"
   */
  host?: string;
}

export interface RunningServer {
  /** Base URL to point clients at, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  /** Stops listening, drops open connections (aborting their handlers) and resolves once closed. */
  close(): Promise<void>;
}

/**
 * Serves any fetch-shaped handler (a replay, the simulated provider, a recorder) over real HTTP. Bodies go out
 * chunk by chunk as the handler yields them, each written at once; a client that disconnects aborts the handler's
 * signal; a body that errors mid-way drops the connection, as a failing upstream would.
 */
export async function createServer(handler: FetchLike, options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  let origin = "";
  const server = createHttpServer((req, res) => {
    void serve(handler, origin, req, res);
  });
  server.listen(options.port ?? 0, host);
  try {
    await once(server, "listening");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new Error(`Port ${options.port} on ${host} is already in use`, { cause: error });
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url: origin,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(
  handler: FetchLike,
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  req.socket.setNoDelay(true);
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort(new DOMException("The client disconnected", "AbortError"));
  });
  let response: Response;
  try {
    const body = await readBody(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const method = req.method ?? "GET";
    response = await handler(
      new Request(new URL(req.url ?? "/", origin), {
        method,
        headers,
        body: method === "GET" || method === "HEAD" || body.length === 0 ? undefined : body,
        signal: controller.signal,
      }),
    );
  } catch (error) {
    if (controller.signal.aborted) return;
    res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ message: `The handler failed: ${(error as Error).message}` }));
    return;
  }
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (!TRANSFER_HEADERS.has(name)) res.setHeader(name, value);
  });
  res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      if (!res.write(read.value)) await Promise.race([once(res, "drain"), once(res, "close")]);
      if (res.destroyed) throw controller.signal.reason;
    }
    res.end();
  } catch {
    // The body broke (a planned disconnect, an upstream failure) or the client left: end the connection abruptly
    // so the client sees what it would see on the wire, not a clean end.
    void reader.cancel().catch(() => {});
    res.destroy();
  }
}

async function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
