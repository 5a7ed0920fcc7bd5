import type { Server } from "node:http";
import { eventually } from "./eventually";

/** How many connections a server holds open now. */
export function connectionsOf(server: Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

/** Waits until none of the servers holds a connection: each went on its own, before the server is closed. */
export async function noConnectionLeft(servers: Iterable<Server>, ms: number): Promise<void> {
  for (const server of servers)
    await eventually(async () => (await connectionsOf(server)) === 0, ms, "no connection left");
}
