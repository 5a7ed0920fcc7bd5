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

/** How many connections the server holds open now. */
export function connectionsOf(server: Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

/** Waits until `check` is true, polling every 20 ms, or fails after `ms`. */
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
