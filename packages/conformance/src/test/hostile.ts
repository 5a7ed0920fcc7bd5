// Helpers for the hostile-client tests: what the process holds (heap, sockets, timers), every response and socket
// a server in this process made (through Node's diagnostics channel), raw loopback clients, and polling.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { connect, type Socket } from "node:net";

export const MiB = 1024 * 1024;

/** Heap in use after a full collection (the tests run with --expose-gc). */
export function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

/** How many of this process's active resources are of a kind: `"TCPSocketWrap"` (sockets), `"Timeout"`. */
export function activeCount(kind: string): number {
  return process.getActiveResourcesInfo().filter((name) => name === kind).length;
}

export interface Served {
  responses: ServerResponse[];
  sockets: Socket[];
  servers: Set<Server>;
  stop(): void;
}

/** Watches every request any HTTP server of this process starts to answer, until `stop()`. */
export function watchServers(): Served {
  const served: Served = { responses: [], sockets: [], servers: new Set(), stop: () => {} };
  const seen = new WeakSet<Socket>();
  const onRequest = (message: unknown) => {
    const { response, socket, server } = message as {
      request: IncomingMessage;
      response: ServerResponse;
      socket: Socket;
      server: Server;
    };
    served.responses.push(response);
    served.servers.add(server);
    if (!seen.has(socket)) {
      seen.add(socket);
      served.sockets.push(socket);
    }
  };
  subscribe("http.server.request.start", onRequest);
  served.stop = () => unsubscribe("http.server.request.start", onRequest);
  return served;
}

/** How many connections a server holds open now. */
export function connectionsOf(server: Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

/** Waits until `check` holds, polling every 20 ms, or fails after `ms` saying what did not happen. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface RawClient {
  socket: Socket;
  /** Everything received, as latin1 text. */
  received: string;
  closed: boolean;
}

/** A raw TCP connection to 127.0.0.1 that keeps what it receives and notes when it closes. */
export function rawClient(port: number): RawClient {
  const socket = connect(port, "127.0.0.1");
  const client: RawClient = { socket, received: "", closed: false };
  socket.setEncoding("latin1");
  socket.on("data", (chunk: string) => {
    client.received += chunk;
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    client.closed = true;
  });
  return client;
}

/** The head of a `POST /v2/chat` with a JSON body of `length` bytes, or chunked. */
export function chatHead(length: number | "chunked"): string {
  return `POST /v2/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${
    length === "chunked" ? "Transfer-Encoding: chunked" : `Content-Length: ${length}`
  }\r\n\r\n`;
}
