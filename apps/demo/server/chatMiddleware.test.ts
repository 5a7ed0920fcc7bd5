import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type ChatHandler, createChatMiddleware } from "./chatMiddleware.ts";
import { MAX_BODY_BYTES } from "./nodeBridge.ts";

let server: Server | undefined;

afterEach(async () => {
  // Drop keep-alive sockets too, or close() waits for them to time out.
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** Serves the middleware on 127.0.0.1 (anything it passes on gets a 404 saying "next") and returns its origin. */
async function serve(handle: ChatHandler): Promise<string> {
  const middleware = createChatMiddleware(handle);
  server = createServer((req, res) =>
    middleware(req, res, () => {
      res.writeHead(404);
      res.end("next");
    }),
  );
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

const json = { "content-type": "application/json" };
const echo: ChatHandler = async (request) =>
  new Response(await request.text(), {
    status: 200,
    headers: { "content-type": "text/event-stream", "x-a": "1" },
  });

describe("createChatMiddleware", () => {
  it("hands POST /v2/chat to the handler and sends its status, headers and body back", async () => {
    const origin = await serve(echo);
    const response = await fetch(`${origin}/v2/chat`, {
      method: "POST",
      headers: json,
      body: '{"model":"m"}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-a")).toBe("1");
    expect(await response.text()).toBe('{"model":"m"}');
  });

  it("passes every other path on to the next middleware", async () => {
    const origin = await serve(echo);
    expect(await (await fetch(`${origin}/`)).text()).toBe("next");
    expect(await (await fetch(`${origin}/v2/chatty`, { method: "POST" })).text()).toBe("next");
  });

  it("answers other methods with 405, naming the one allowed, in Cohere's error shape", async () => {
    const response = await fetch(`${await serve(echo)}/v2/chat`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(await response.json()).toEqual({ message: "GET is not allowed on /v2/chat; use POST" });
  });

  it("refuses bodies that are not JSON, which a cross-site form could send", async () => {
    const origin = await serve(echo);
    const response = await fetch(`${origin}/v2/chat`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "{}",
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ message: "/v2/chat takes content-type application/json" });
  });

  it("refuses a page of another origin, another localhost port included, and serves its own", async () => {
    const origin = await serve(echo);
    const other = await fetch(`${origin}/v2/chat`, {
      method: "POST",
      headers: { ...json, origin: "http://localhost:3000" },
      body: "{}",
    });
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({
      message: "/v2/chat answers only pages served by this server, not http://localhost:3000",
    });
    const own = await fetch(`${origin}/v2/chat`, {
      method: "POST",
      headers: { ...json, origin },
      body: "{}",
    });
    expect(own.status).toBe(200);
  });

  it("refuses bodies over the limit with 413", async () => {
    const origin = await serve(echo);
    const body = JSON.stringify({ text: "x".repeat(MAX_BODY_BYTES) });
    const response = await fetch(`${origin}/v2/chat`, { method: "POST", headers: json, body });
    expect(response.status).toBe(413);
  });

  it("answers 502 with the reason when the provider cannot be reached", async () => {
    const origin = await serve(async () => {
      throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
    });
    const response = await fetch(`${origin}/v2/chat`, { method: "POST", headers: json, body: "{}" });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      message: "the demo server could not reach the provider: connect ECONNREFUSED 127.0.0.1:9",
    });
  });

  it("streams each chunk as the handler produces it, and aborts the handler when the browser leaves", async () => {
    let push!: (text: string) => void;
    let handlerSignal!: AbortSignal;
    const origin = await serve(async (request) => {
      handlerSignal = request.signal;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          push = (text) => controller.enqueue(new TextEncoder().encode(text));
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    });
    const browser = new AbortController();
    const response = await fetch(`${origin}/v2/chat`, {
      method: "POST",
      headers: json,
      body: "{}",
      signal: browser.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    push("data: 1\n\n");
    expect((await reader.read()).value).toBe("data: 1\n\n");
    push("data: 2\n\n");
    expect((await reader.read()).value).toBe("data: 2\n\n");

    const aborted = new Promise((resolve) => handlerSignal.addEventListener("abort", resolve));
    browser.abort();
    await aborted;
    expect(handlerSignal.aborted).toBe(true);
  });
});
