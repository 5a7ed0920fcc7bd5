import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

export interface TestServer {
  server: Server;
  origin: string;
  port: number;
  /** Every response the server made, to count the listeners left on them. */
  responses: ServerResponse[];
  close(): Promise<void>;
}

/** Serves `handle` on 127.0.0.1 on a free port. */
export async function listen(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
  options: ServerOptions = {},
): Promise<TestServer> {
  const responses: ServerResponse[] = [];
  const server = createServer(options, (req, res) => {
    responses.push(res);
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    responses,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
