import { connect, type Socket } from "node:net";
import { eventually } from "./eventually";

export interface RawClient {
  socket: Socket;
  /** Everything received, as latin1 text. */
  received: string;
  closed: boolean;
}

/**
 * A raw TCP connection to 127.0.0.1 that keeps what it receives and notes when it closes; `onClose` sees the
 * client once it has.
 */
export function rawClient(port: number, onClose?: (client: RawClient) => void): RawClient {
  const socket = connect(port, "127.0.0.1");
  const client: RawClient = { socket, received: "", closed: false };
  socket.setEncoding("latin1");
  socket.on("data", (chunk: string) => {
    client.received += chunk;
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    client.closed = true;
    onClose?.(client);
  });
  return client;
}

/** Waits until every one of the clients' connections is closed, or fails after `ms` saying `what` did not happen. */
export function allClosed(clients: readonly RawClient[], ms: number, what: string): Promise<void> {
  return eventually(() => clients.every((client) => client.closed), ms, what);
}
