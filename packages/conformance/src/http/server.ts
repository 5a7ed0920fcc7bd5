import { once } from "node:events";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FetchLike } from "./fetchLike";
import { readRequestBody } from "./readRequestBody";
import { TRANSFER_HEADERS } from "./transferHeaders";
import { writeBody } from "./writeBody";

/** Options of {@link createServer}: where it listens, and the bounds it puts on clients. */
export interface ServerOptions {
  /**
   * Port to listen on; 0 picks a free one (read it from `url`).
   * @default 0
   */
  port?: number | undefined;
  /**
   * Interface to listen on. Loopback only by default: a replay or a recorder is a test tool, not a public service.
   * @default "127.0.0.1"
   */
  host?: string | undefined;
  /**
   * The largest request body read, in bytes. A bigger one gets 413 with a JSON `{"message"}` and its connection is
   * closed; it is never read into memory.
   * @default 1048576 (1 MiB)
   */
  maxBodyBytes?: number | undefined;
  /**
   * Milliseconds a client has to send a whole request, headers and body; a slower one (slowloris) gets 408 and its
   * connection is closed. A connection that sends nothing is closed after this long too.
   * @default 30000
   */
  requestTimeoutMs?: number | undefined;
  /**
   * Milliseconds an idle keep-alive connection is kept open after an answer before it is closed.
   * @default 5000
   */
  keepAliveTimeoutMs?: number | undefined;
  /**
   * Methods handed to the handler. Any other gets 405 with an `Allow` header listing these and `OPTIONS`, which is
   * answered 204 with the same header.
   * @default ["POST"]
   */
  methods?: readonly string[] | undefined;
  /** Told when the handler throws; the client gets a 500 that does not repeat the error (it may name local files). */
  onError?: ((error: unknown) => void) | undefined;
}

/** A server {@link createServer} started: where it listens, and how to stop it. */
export interface RunningServer {
  /** Base URL to point clients at, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The port it listens on: the one asked for, or the free one picked for `port: 0`. */
  port: number;
  /** Stops listening, drops open connections (aborting their handlers) and resolves once closed. */
  close(): Promise<void>;
}

interface Settings {
  origin: string;
  maxBodyBytes: number;
  methods: ReadonlySet<string>;
  allow: string;
  onError: (error: unknown) => void;
}

/** How long a client whose upload was refused may take to read the refusal before its connection is closed. */
const REFUSAL_GRACE_MS = 1000;

/**
 * Serves any fetch-shaped handler (a replay, the simulated provider, a recorder) over real HTTP. Bodies go out
 * chunk by chunk as the handler yields them, each written at once and only as fast as the client reads; a client
 * that disconnects aborts the handler's signal; a body that errors mid-way drops the connection, as a failing
 * upstream would. Hostile clients are bounded: the request body's size, the time to send a request, idle
 * keep-alive connections and the methods let through.
 */
export async function createServer(handler: FetchLike, options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const {
    maxBodyBytes = 1024 * 1024,
    requestTimeoutMs = 30_000,
    keepAliveTimeoutMs = 5000,
    methods = ["POST"],
  } = options;
  for (const [name, value] of Object.entries({ maxBodyBytes, requestTimeoutMs, keepAliveTimeoutMs })) {
    if (!(Number.isFinite(value) && value > 0))
      throw new RangeError(`${name} must be a number > 0, got ${value}`);
  }
  const allowed = new Set(methods.map((method) => method.toUpperCase()));
  const settings: Settings = {
    origin: "",
    maxBodyBytes,
    methods: allowed,
    allow: [...allowed, "OPTIONS"].join(", "),
    onError: options.onError ?? (() => {}),
  };
  const server = createHttpServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      // Node checks the two timeouts above only this often (30 s by default, which would double a 30 s timeout).
      connectionsCheckingInterval: Math.min(1000, Math.max(10, requestTimeoutMs / 10)),
    },
    (req, res) => {
      void serve(handler, settings, req, res);
    },
  );
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
  settings.origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url: settings.origin,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(handler: FetchLike, settings: Settings, req: IncomingMessage, res: ServerResponse) {
  req.socket.setNoDelay(true);
  const method = req.method ?? "GET";
  if (method === "OPTIONS") {
    res.writeHead(204, { allow: settings.allow });
    res.end();
    return;
  }
  if (!settings.methods.has(method)) {
    return answer(res, 405, `method ${method} is not allowed; this server answers ${settings.allow}`, {
      allow: settings.allow,
    });
  }
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort(new DOMException("The client disconnected", "AbortError"));
  });
  const body = await readRequestBody(req, settings.maxBodyBytes);
  if (body.kind === "aborted") return;
  if (body.kind === "too-large") {
    // The rest of the upload is not wanted: close the connection once the refusal is out, never drain it.
    answer(res, 413, `the request body is larger than ${settings.maxBodyBytes} bytes`, {
      connection: "close",
    });
    res.once("finish", () => setTimeout(() => req.socket.destroy(), REFUSAL_GRACE_MS).unref());
    return;
  }
  let response: Response;
  try {
    response = await handler(
      new Request(new URL(req.url ?? "/", settings.origin), {
        method,
        headers: headersOf(req),
        body: method === "GET" || method === "HEAD" || body.bytes.length === 0 ? undefined : body.bytes,
        signal: controller.signal,
      }),
    );
  } catch (error) {
    if (controller.signal.aborted) return;
    settings.onError(error);
    return answer(res, 500, "The handler failed; the server's log says why");
  }
  if (res.destroyed) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (!TRANSFER_HEADERS.has(name)) res.setHeader(name, value);
  });
  res.flushHeaders();
  if (!response.body) res.end();
  else await writeBody(res, response.body);
}

/** A Cohere-shaped error answer, `{"message"}`, written straight to Node's response. */
function answer(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...headers, "content-type": "application/json" });
  res.end(JSON.stringify({ message }));
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    try {
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    } catch {} // a value the web's Headers refuses (Node is laxer) is dropped, not fatal
  }
  return headers;
}
