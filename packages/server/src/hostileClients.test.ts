// Hostile clients against the handler behind `toNodeHandler`, on loopback: slowloris, a reader that stops, a
// thousand aborts, deep JSON, a huge body, every method. Each checks that memory stays bounded and that no socket
// or listener is left behind. Counts and waits are bounded so the whole file takes a few seconds.
import { request as httpRequest } from "node:http";
import type { Socket } from "node:net";
import {
  activeCount,
  allClosed,
  chatHead,
  declareHugeBody,
  deeplyNested,
  eventually,
  heapUsed,
  MiB,
  noConnectionLeft,
  rawClient as rawLoopbackClient,
  send,
  sendEndlessBody,
  type Warnings,
  watchWarnings,
} from "@parley/test-support";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { UpstreamFetch } from "./chatHandlerOptions";
import { createChatHandler } from "./createChatHandler";
import { eventStream } from "./test/fakeUpstream";
import { listen, type TestServer } from "./test/nodeServer";
import { KEY } from "./test/secrets";
import { collectLog, transcript } from "./test/transcript";
import { toNodeHandler } from "./toNodeHandler";

const hi = { model: "command-a-03-2025", messages: [{ role: "user", content: "Hi" }], stream: true };

/** Open TCP sockets of this process, listening ones included. */
const tcpHandles = () => activeCount("TCPSocketWrap");

/**
 * An upstream that streams forever, one frame (16 KiB of text) each time it is read (and only then), and keeps every
 * request's signal.
 */
function endlessUpstream(frameText = 16 * 1024) {
  const text = "x".repeat(frameText);
  const frame = new TextEncoder().encode(
    `event: content-delta\ndata: ${JSON.stringify({ type: "content-delta", index: 0, delta: { message: { content: { text } } } })}\n\n`,
  );
  const state = { produced: 0, signals: [] as AbortSignal[] };
  const fetch: UpstreamFetch = async (_url, init) => {
    state.signals.push(init.signal!);
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          // As from a network: each frame in a task of its own, so the clients in this process get their turn.
          await new Promise((resolve) => setImmediate(resolve));
          state.produced += frame.byteLength;
          controller.enqueue(frame);
        },
      },
      { highWaterMark: 0 },
    );
    return eventStream(body);
  };
  return { fetch, state };
}

let warnings: Warnings;
let running: TestServer | undefined;
let handlesBefore = 0;

beforeAll(() => {
  warnings = watchWarnings();
});
afterAll(() => {
  warnings.stop();
});
afterEach(async () => {
  if (running) {
    // Every connection is gone on its own, before the server is closed.
    await noConnectionLeft([running.server], 10_000);
    for (const res of running.responses) {
      expect(res.listenerCount("drain")).toBe(0);
      expect(res.listenerCount("close")).toBeLessThanOrEqual(2); // Node's own
    }
    await running.close();
    running = undefined;
  }
  await eventually(() => tcpHandles() <= handlesBefore, 10_000, "no socket left open");
  expect(warnings.seen).toEqual([]);
});

async function serve(
  upstream: UpstreamFetch,
  options: { bodyTimeoutMs?: number; maxBodyBytes?: number } = {},
) {
  handlesBefore = tcpHandles();
  const { lines, log } = collectLog();
  const handler = createChatHandler({
    apiKey: KEY,
    fetch: upstream,
    log,
    maxBodyBytes: options.maxBodyBytes ?? MiB,
  });
  running = await listen(toNodeHandler(handler, { bodyTimeoutMs: options.bodyTimeoutMs ?? 30_000 }), {
    // What the README recommends for a server facing the internet: slow headers are Node's to time out.
    headersTimeout: 1000,
    requestTimeout: 10_000,
    connectionsCheckingInterval: 100,
  });
  return { server: running, lines };
}

/** A raw loopback connection whose answer goes into the transcript (the key scan reads it) once it closes. */
const rawClient = (port: number) =>
  rawLoopbackClient(port, (client) => transcript.push(client.received.slice(0, 2000)));

// Idle, the file takes about 10 s; each test may take far longer on a loaded 2-core machine.
const SLOW = { timeout: 120_000 };

describe("hostile clients", () => {
  it(
    "slowloris: a body or headers sent a byte at a time, then held open, get 408 and the connection is closed",
    SLOW,
    async () => {
      const upstream = endlessUpstream();
      const { server } = await serve(upstream.fetch, { bodyTimeoutMs: 500 });
      const heapBefore = heapUsed();
      const clients = Array.from({ length: 100 }, (_, i) => {
        const client = rawClient(server.port);
        const text = i % 2 === 0 ? `${chatHead(1000)}${JSON.stringify(hi)}` : chatHead(1000);
        let sent = 0;
        if (i % 2 === 1) client.socket.write(text); // whole headers, then the body a byte at a time
        const source = i % 2 === 0 ? text : "x".repeat(1000);
        // The first byte goes at once: a connection that has sent nothing when its time runs out is closed without
        // an answer, which a loaded machine would otherwise make of a late first tick. Three bytes in all, well
        // inside the timeouts, then silence: a byte landing after the server has closed would make its kernel
        // answer with a reset, and a reset can discard the 408 the client has not read yet.
        client.socket.write(source[sent++]!);
        const timer = setInterval(() => {
          if (client.closed || client.received || sent >= 3) return clearInterval(timer);
          client.socket.write(source[sent++]!);
        }, 100);
        return { client, timer };
      });
      await allClosed(
        clients.map(({ client }) => client),
        15_000,
        "every slow connection closed",
      );
      for (const { client, timer } of clients) {
        clearInterval(timer);
        expect(client.received).toMatch(/^HTTP\/1\.1 408 /);
      }
      expect(upstream.state.signals).toHaveLength(0);
      expect(heapUsed() - heapBefore).toBeLessThan(16 * MiB);
    },
  );

  it(
    "a reader that stops holds only a small buffer: the upstream is read no further, one listener per answer",
    SLOW,
    async () => {
      const upstream = endlessUpstream();
      const { server } = await serve(upstream.fetch);
      const heapBefore = heapUsed();
      const client = rawClient(server.port);
      const body = JSON.stringify(hi);
      client.socket.write(chatHead(Buffer.byteLength(body)) + body);
      // Read slowly for a while: many drain cycles on the server.
      let maxListeners = 0;
      let stopped = false;
      const readSlowly = () => {
        client.socket.pause();
        setTimeout(() => stopped || client.socket.resume(), 2);
        const res = server.responses[0];
        if (res)
          maxListeners = Math.max(maxListeners, res.listenerCount("drain") + res.listenerCount("close"));
      };
      client.socket.on("data", readSlowly);
      await eventually(() => client.received.length > 8 * MiB, 30_000, "8 MiB read slowly");
      // Then stop reading altogether.
      stopped = true;
      client.socket.off("data", readSlowly);
      client.socket.pause();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const heldAtStop = upstream.state.produced;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(upstream.state.produced).toBe(heldAtStop);
      expect(heldAtStop - client.received.length).toBeLessThan(16 * MiB); // loopback socket buffers, a few MiB
      // What the server read from the upstream and did not get rid of sits in socket buffers, never in the heap.
      expect(heapUsed() - heapBefore).toBeLessThan(16 * MiB);
      expect(maxListeners).toBeLessThanOrEqual(4);
      client.socket.destroy();
      await eventually(() => upstream.state.signals[0]!.aborted, 1000, "the upstream request aborted");
    },
  );

  it(
    "1,000 clients that leave mid-stream: every upstream request is aborted, nothing is left behind",
    SLOW,
    async () => {
      const upstream = endlessUpstream(200);
      const { server } = await serve(upstream.fetch);
      const heapBefore = heapUsed();
      const body = JSON.stringify(hi);
      const leave = () =>
        new Promise<void>((resolve, reject) => {
          const request = httpRequest(
            `${server.origin}/v2/chat`,
            { method: "POST", agent: false, headers: { "content-type": "application/json" } },
            (res) => {
              res.once("data", () => {
                request.destroy();
                resolve();
              });
            },
          );
          request.on("error", (error) =>
            (error as { code?: string }).code === "ECONNRESET" ? resolve() : reject(error),
          );
          // Whatever else ends the connection ends the wait; the counts below say whether it went as it should.
          request.on("close", resolve);
          request.end(body);
        });
      for (let batch = 0; batch < Number(process.env.BATCHES ?? 20); batch++)
        await Promise.all(Array.from({ length: 50 }, leave));
      expect(upstream.state.signals).toHaveLength(Number(process.env.BATCHES ?? 20) * 50);
      await eventually(
        () => upstream.state.signals.every((signal) => signal.aborted),
        1000,
        "every upstream aborted",
      );
      expect(heapUsed() - heapBefore).toBeLessThan(16 * MiB);
    },
  );

  it("JSON nested 100,000 deep gets 400, not a stack overflow, and the server serves on", SLOW, async () => {
    const upstream = endlessUpstream();
    const { server } = await serve(upstream.fetch);
    for (const deep of deeplyNested(JSON.stringify(hi))) {
      const { status, text } = await send(`${server.origin}/v2/chat`, "POST", deep, {
        "content-type": "application/json",
      });
      transcript.push(text);
      expect(status).toBe(400);
      expect(JSON.parse(text)).toEqual({ message: "invalid request: the body nests deeper than 128 levels" });
    }
    expect(upstream.state.signals).toHaveLength(0);
  });

  it(
    "a huge body is cut off at the limit with 413 and the connection closed; memory stays flat",
    SLOW,
    async () => {
      const upstream = endlessUpstream();
      const { server } = await serve(upstream.fetch, { maxBodyBytes: MiB });
      let serverRead = 0;
      server.server.on("connection", (socket: Socket) =>
        socket.on("close", () => (serverRead += socket.bytesRead)),
      );
      const heapBefore = heapUsed();

      // Declared: refused before a byte of it is read.
      const declared = rawClient(server.port);
      await declareHugeBody(declared);
      expect(declared.received).toMatch(/^HTTP\/1\.1 413 /);

      // Undeclared: 256 MiB sent as fast as the server takes it.
      const chunked = rawClient(server.port);
      const sent = await sendEndlessBody(chunked, 256);
      expect(chunked.received).toMatch(/^HTTP\/1\.1 413 /);
      expect(chunked.received).toContain('{"message":"the body is larger than 1048576 bytes"}');
      expect(sent).toBeLessThan(256);
      expect(serverRead).toBeLessThan(16 * MiB);
      expect(heapUsed() - heapBefore).toBeLessThan(16 * MiB);
      expect(upstream.state.signals).toHaveLength(0);
    },
  );

  it("every method but POST gets 405 with Allow: POST, never a 500", SLOW, async () => {
    const upstream = endlessUpstream();
    const { server } = await serve(upstream.fetch);
    const methods = [
      "GET",
      "HEAD",
      "PUT",
      "DELETE",
      "PATCH",
      "OPTIONS",
      "TRACE",
      "PROPFIND",
      "MKCOL",
      "LOCK",
      "COPY",
      "MOVE",
      "SEARCH",
      "PURGE",
      "M-SEARCH",
      "NOTIFY",
      "SUBSCRIBE",
      "REPORT",
      "LINK",
      "QUERY",
    ];
    for (const method of methods) {
      const answer = await send(`${server.origin}/v2/chat`, method);
      transcript.push(answer.text);
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow, method).toBe("POST");
    }
    expect(upstream.state.signals).toHaveLength(0);
  });
});
