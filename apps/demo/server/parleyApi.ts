import type { Plugin } from "vite";
import { createChatMiddleware } from "./chatMiddleware.ts";
import { chatProviderFromEnv } from "./chatProvider.ts";
import { createProviderInfoMiddleware } from "./providerInfoMiddleware.ts";
import { createSecurityHeadersMiddleware } from "./securityHeaders.ts";

/**
 * Serves the chat API next to the app, in `vite` (dev) and `vite preview` alike, so the browser talks
 * the real wire over real HTTP to the same origin. The provider is chosen once, from the environment of
 * the server process: the key, when there is one, stays in this process.
 */
export function parleyApi(env: NodeJS.ProcessEnv = process.env): Plugin {
  let warn: (line: string) => void = (line) => console.warn(line);
  const provider = chatProviderFromEnv(env, (line) => warn(line));
  const chat = createChatMiddleware(provider.handle);
  const info = createProviderInfoMiddleware(provider.name);
  const announce = (log: (message: string) => void) =>
    log(
      provider.name === "cohere"
        ? "  ➜  Chat:    POST /v2/chat is proxied to Cohere (key from CO_API_KEY, kept on this server)"
        : "  ➜  Chat:    POST /v2/chat is answered by the simulated provider (set CO_API_KEY to use Cohere)",
    );
  return {
    name: "parley-demo-api",
    configureServer(server) {
      warn = (line) => server.config.logger.warn(line, { timestamp: true });
      server.middlewares.use(createSecurityHeadersMiddleware("dev"));
      server.middlewares.use(info);
      server.middlewares.use(chat);
      server.httpServer?.once("listening", () => announce((m) => server.config.logger.info(m)));
    },
    configurePreviewServer(server) {
      warn = (line) => server.config.logger.warn(line, { timestamp: true });
      server.middlewares.use(createSecurityHeadersMiddleware("build"));
      server.middlewares.use(info);
      server.middlewares.use(chat);
      server.httpServer.once("listening", () => announce((m) => server.config.logger.info(m)));
    },
  };
}
