// Every response and socket a server in this process made, through Node's diagnostics channel: the hostile-client
// tests count what was left on them.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";

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
