import type { IncomingMessage, ServerResponse } from "node:http";

/** Where the app asks which provider answers; it gets a name, never a key. */
export const PROVIDER_INFO_PATH = "/demo-api/provider";

export type ProviderName = "simulated" | "cohere";

/** `GET /demo-api/provider` → `{"provider":"simulated"}`, so the app can say who is answering. */
export function createProviderInfoMiddleware(name: ProviderName) {
  const body = JSON.stringify({ provider: name });
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.url?.split("?")[0] !== PROVIDER_INFO_PATH || req.method !== "GET") return next();
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(body);
  };
}
