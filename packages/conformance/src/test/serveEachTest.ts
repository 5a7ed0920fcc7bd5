import { afterEach } from "vitest";
import type { FetchLike } from "../http/fetchLike";
import { createServer, type RunningServer, type ServerOptions } from "../http/server";

/**
 * `createServer` for a test file: call it at the top of the file; every server the returned function starts is
 * closed after the test that started it.
 */
export function serveEachTest(): (handler: FetchLike, options?: ServerOptions) => Promise<RunningServer> {
  const running: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });
  return async (handler, options) => {
    const server = await createServer(handler, options);
    running.push(server);
    return server;
  };
}
