import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A real HTTP server on 127.0.0.1 that misbehaves as a test tells it to, and counts the sockets that carried a
 * request: a connection the client failed to let go of stays open here. (Sockets that never carry one are left out:
 * after a socket closes, undici opens a spare one for its pool and closes it when it has been idle 4 s.) It stops
 * itself after `lifetimeMs` whatever the test does.
 */
export interface HostileServer {
  url: string;
  /** Requests received so far. */
  readonly requests: number;
  /** Waits until every socket that carried a request has closed; rejects naming how many are still open after `ms`. */
  drained(ms?: number): Promise<void>;
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export async function startHostileServer(handler: Handler, lifetimeMs = 20_000): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server = createServer((request, response) => {
    requests++;
    const socket = request.socket;
    if (!sockets.has(socket)) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    }
    request.resume(); // the request body is not read: drain it
    void Promise.resolve(handler(request, response)).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const lifetime = setTimeout(close, lifetimeMs);
  lifetime.unref();
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    async drained(ms = 3000) {
      const until = Date.now() + ms;
      while (sockets.size > 0) {
        if (Date.now() > until) throw new Error(`${sockets.size} socket(s) still open after ${ms} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close,
  };
}

/**
 * Writes `chunk` again and again, respecting backpressure, until `limit` bytes have gone or the client has left;
 * then ends the response. One pair of listeners per wait, removed after it.
 */
export async function pump(response: ServerResponse, chunk: string, limit: number): Promise<void> {
  const size = Buffer.byteLength(chunk);
  for (let sent = 0; sent < limit && !response.destroyed; sent += size) {
    if (response.write(chunk)) continue;
    await new Promise<void>((resolve) => {
      const done = () => {
        response.off("drain", done);
        response.off("close", done);
        resolve();
      };
      response.on("drain", done);
      response.on("close", done);
    });
  }
  response.end();
}

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/** The heap in use after a full garbage collection. */
export function heapAfterGc(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

/**
 * The heap kept since `before`, once it is under `bound` or a second has passed: a failed stream lets go of its
 * reply when its socket's close has been handled, which on a loaded machine may take a few turns of the event loop.
 * What a leak keeps stays kept, so the bound still fails it.
 */
export async function retainedSince(before: number, bound: number): Promise<number> {
  let retained = heapAfterGc() - before;
  for (let waited = 0; retained >= bound && waited < 1000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    retained = heapAfterGc() - before;
  }
  return retained;
}

/** Samples the heap every few milliseconds while `run` runs; resolves to its result and the highest sample. */
export async function withPeakHeap<T>(run: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 2);
  try {
    const result = await run();
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}
