// Node, Bun and Deno: run the checks with the packages imported from node_modules, print one marked line.
// Each serves the handler with its own server: Bun.serve, Deno.serve, and Node's http through
// `@parley/server/node`'s `toNodeHandler`. All listen on 127.0.0.1 on a free port.
import type { ChatHandler } from "@parley/server";
import { runChecks } from "../checks";
import type { Serve, ServedHandler } from "../serverHandler";

/** The little of Bun's and Deno's globals used here (the checks compile without their type packages). */
interface BunGlobal {
  serve(options: { hostname: string; port: number; fetch: ChatHandler }): {
    port: number;
    stop(closeActiveConnections?: boolean): Promise<void> | void;
  };
}
interface DenoGlobal {
  serve(
    options: { hostname: string; port: number; onListen(): void },
    handler: ChatHandler,
  ): { addr: { port: number }; shutdown(): Promise<void> };
}
const { Bun, Deno } = globalThis as { Bun?: BunGlobal; Deno?: DenoGlobal };

const serve: Serve = async (handler): Promise<ServedHandler> => {
  if (Bun) {
    const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: handler });
    return { baseUrl: `http://127.0.0.1:${server.port}`, close: async () => void (await server.stop(true)) };
  }
  if (Deno) {
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
    return { baseUrl: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
  }
  const { createServer } = await import("node:http");
  const { toNodeHandler } = await import("@parley/server/node");
  const server = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("the server has no port");
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // fetch keeps its connection alive, which would hold close() open
        server.close(() => resolve());
      }),
  };
};

console.log(`PARLEY_MATRIX ${JSON.stringify(await runChecks({ serve }))}`);
