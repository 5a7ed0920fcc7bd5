import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { type ChatHandler, createChatHandler } from "@parley/server";
import { afterEach, describe, expect, it } from "vitest";
import { createChatMiddleware } from "./chatMiddleware.ts";
import { createSecurityHeadersMiddleware } from "./securityHeaders.ts";

let server: Server | undefined;

afterEach(async () => {
  // Drop keep-alive sockets too, or close() waits for them to time out.
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** Serves the security headers and the middleware on 127.0.0.1 (anything passed on gets 404 "next"). */
async function serve(handle: ChatHandler): Promise<string> {
  const headers = createSecurityHeadersMiddleware("build");
  const middleware = createChatMiddleware(handle);
  server = createServer((req, res) =>
    headers(req, res, () =>
      middleware(req, res, () => {
        res.writeHead(404);
        res.end("next");
      }),
    ),
  );
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

const json = { "content-type": "application/json" };
const hi = JSON.stringify({ model: "command-a-03-2025", messages: [{ role: "user", content: "Hi" }] });

/** The demo's handler in front of a fake upstream that answers every request with `reply()`. */
function handlerWith(
  reply: (init: RequestInit) => Response | Promise<Response>,
  log?: (line: string) => void,
) {
  return createChatHandler({
    apiKey: "sk-demo-test",
    fetch: async (_url, init) => reply(init),
    ...(log ? { log } : {}),
  });
}
const ok = () => Response.json({ message: { role: "assistant", content: [] }, finish_reason: "COMPLETE" });

describe("createChatMiddleware", () => {
  it("hands POST /v2/chat to the handler and passes every other path on", async () => {
    const origin = await serve(handlerWith(ok));
    const response = await fetch(`${origin}/v2/chat`, { method: "POST", headers: json, body: hi });
    expect(response.status).toBe(200);
    expect((await response.json()).finish_reason).toBe("COMPLETE");
    expect(await (await fetch(`${origin}/`)).text()).toBe("next");
    expect(await (await fetch(`${origin}/v2/chatty`, { method: "POST" })).text()).toBe("next");
  });

  it("puts nosniff, a Content-Security-Policy, frame-ancestors 'none' and a Referrer-Policy on every response", async () => {
    const origin = await serve(handlerWith(ok));
    const answers = [
      await fetch(`${origin}/v2/chat`, { method: "POST", headers: json, body: hi }),
      await fetch(`${origin}/v2/chat`),
      await fetch(`${origin}/assets/app.js`),
    ];
    for (const response of answers) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("content-security-policy")).toContain("script-src 'self';");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      await response.body?.cancel();
    }
  });

  it("refuses a malformed Origin (not a URL, null) with 403 and keeps serving", async () => {
    const origin = await serve(handlerWith(ok));
    for (const bad of ["not a url", "null", "http://localhost:3000"]) {
      const response = await fetch(`${origin}/v2/chat`, {
        method: "POST",
        headers: { ...json, origin: bad },
        body: hi,
      });
      expect(response.status, bad).toBe(403);
      expect(typeof (await response.json()).message).toBe("string");
    }
    const own = await fetch(`${origin}/v2/chat`, { method: "POST", headers: { ...json, origin }, body: hi });
    expect(own.status).toBe(200);
  });

  it("logs an upload the browser abandoned as one line", async () => {
    const lines: string[] = [];
    const origin = await serve(handlerWith(ok, (line) => lines.push(line)));
    // The upload breaks off only once the server holds the request, however slow a loaded machine is.
    const received = new Promise((resolve) => server!.once("request", resolve));
    const socket = connect(Number(new URL(origin).port), "127.0.0.1");
    socket.write(
      'POST /v2/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"model"',
    );
    await received;
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    for (let wait = 0; lines.length === 0 && wait < 500; wait++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines).toEqual([
      "@parley/server: the request body broke off after 8 bytes (the client closed the connection during the upload)",
    ]);
  });

  it("streams each chunk as the upstream sends it, and aborts the upstream when the browser leaves", async () => {
    let push!: (text: string) => void;
    let upstreamSignal!: AbortSignal;
    const origin = await serve(
      handlerWith((init) => {
        upstreamSignal = init.signal!;
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            push = (text) => controller.enqueue(new TextEncoder().encode(text));
          },
        });
        return new Response(body, { headers: { "content-type": "text/event-stream" } });
      }),
    );
    const browser = new AbortController();
    const response = await fetch(`${origin}/v2/chat`, {
      method: "POST",
      headers: json,
      body: hi,
      signal: browser.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    push("data: 1\n\n");
    expect((await reader.read()).value).toBe("data: 1\n\n");
    push("data: 2\n\n");
    expect((await reader.read()).value).toBe("data: 2\n\n");

    const aborted = new Promise((resolve) => upstreamSignal.addEventListener("abort", resolve));
    browser.abort();
    await aborted;
    expect(upstreamSignal.aborted).toBe(true);
  });
});
