// Serves the built app and answers POST /v2/chat with the simulated provider, on 127.0.0.1 (a free port).
// Also a Node ESM consumer of @parley/conformance and its ./node entry.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { createSimulatedProvider } from "@parley/conformance";
import { createServer } from "@parley/conformance/node";

const provider = createSimulatedProvider({ tokensPerSecond: 60, firstTokenDelayMs: 100 });
const dist = new URL("./dist/", import.meta.url);
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };

// The page and its assets are GETs; createServer lets only POST through unless told otherwise.
const server = await createServer(
  async (input, init) => {
    const request = new Request(input, init);
    const { pathname } = new URL(request.url);
    if (pathname === "/v2/chat") return provider(request);
    const path = pathname === "/" ? "index.html" : pathname.slice(1);
    if (path.split("/").includes("..")) return new Response("bad path", { status: 400 });
    try {
      const body = await readFile(new URL(path, dist));
      return new Response(body, {
        headers: { "content-type": TYPES[extname(path)] ?? "application/octet-stream" },
      });
    } catch {
      return new Response("not found", { status: 404 });
    }
  },
  { methods: ["GET", "POST"] },
);
console.log(`LISTENING ${server.url}`);
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
