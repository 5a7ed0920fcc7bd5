import {
  allClosed,
  chatHead,
  eventually,
  MiB,
  rawClient,
  send,
  type Warnings,
  watchWarnings,
} from "@parley/test-support";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createReplayFetch } from "../replay/replayFetch";
import { postChat, sampleCassette } from "../test/sampleCassette";
import { watchServers } from "../test/watchServers";
import type { FetchLike } from "./fetchLike";
import { createServer, type RunningServer, type ServerOptions } from "./server";

const running: RunningServer[] = [];
async function serve(handler: FetchLike, options?: ServerOptions) {
  const server = await createServer(handler, options);
  running.push(server);
  return server;
}
let warnings: Warnings;
beforeAll(() => {
  warnings = watchWarnings();
});
afterAll(() => {
  warnings.stop();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
  expect(warnings.seen).toEqual([]);
});

const replay = createReplayFetch(sampleCassette);
const [, plainInit] = postChat({ model: "m", messages: [{ role: "user", content: "Hi" }], stream: false });

describe("createServer's limits", () => {
  it("answers a body over maxBodyBytes with 413 and a JSON message, declared or not; one at the limit passes", async () => {
    const server = await serve(replay, { maxBodyBytes: 100 });
    const body = plainInit.body as string;
    const atLimit = await send(`${server.url}/v2/chat`, "POST", body.padEnd(100, " "));
    expect(atLimit.status).toBe(200);

    const declared = await send(`${server.url}/v2/chat`, "POST", body.padEnd(101, " "));
    expect(declared.status).toBe(413);
    expect(declared.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(declared.text)).toEqual({ message: "the request body is larger than 100 bytes" });

    const chunked = rawClient(server.port);
    chunked.socket.write(`${chatHead("chunked")}40\r\n${"x".repeat(64)}\r\n`);
    chunked.socket.write(`40\r\n${"x".repeat(64)}\r\n`);
    await eventually(() => chunked.closed, 10_000, "the chunked upload refused and closed");
    expect(chunked.received).toMatch(/^HTTP\/1\.1 413 /);
    expect(chunked.received).toContain('{"message":"the request body is larger than 100 bytes"}');
  });

  it("limits bodies to 1 MiB by default", async () => {
    const server = await serve(replay);
    const answer = await send(`${server.url}/v2/chat`, "POST", " ".repeat(MiB + 1));
    expect(answer.status).toBe(413);
  });

  it("answers every method but POST with 405 and Allow, OPTIONS with 204, as configured", async () => {
    const server = await serve(replay);
    for (const method of ["GET", "HEAD", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND"]) {
      const answer = await send(`${server.url}/v2/chat`, method);
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow, method).toBe("POST, OPTIONS");
      if (method !== "HEAD")
        expect(JSON.parse(answer.text).message).toContain(`method ${method} is not allowed`);
    }
    const options = await send(`${server.url}/v2/chat`, "OPTIONS");
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe("POST, OPTIONS");

    const wider = await serve(
      createReplayFetch({
        interactions: [
          { request: { method: "GET", path: "/health" }, response: { status: 200, body: "up" } },
        ],
      }),
      { methods: ["POST", "GET"] },
    );
    expect((await send(`${wider.url}/health`, "GET")).text).toBe("up");
    expect((await send(`${wider.url}/health`, "PUT")).headers.allow).toBe("POST, GET, OPTIONS");
  });

  it("closes a connection that has not sent its whole request within requestTimeoutMs, with 408", async () => {
    const server = await serve(replay, { requestTimeoutMs: 500 });
    const silent = rawClient(server.port);
    const halfHeaders = rawClient(server.port);
    halfHeaders.socket.write("POST /v2/chat HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const halfBody = rawClient(server.port);
    halfBody.socket.write(`${chatHead(1000)}{"model":`);
    const clients = [silent, halfHeaders, halfBody];
    await allClosed(clients, 10_000, "every slow connection closed");
    for (const client of clients) expect(client.received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("closes an idle keep-alive connection after keepAliveTimeoutMs", async () => {
    const server = await serve(replay, { keepAliveTimeoutMs: 200 });
    const client = rawClient(server.port);
    const body = plainInit.body as string;
    client.socket.write(chatHead(Buffer.byteLength(body)) + body);
    await eventually(() => client.received.includes("\r\n\r\n"), 10_000, "the answer");
    expect(client.received).toMatch(/^HTTP\/1\.1 200 [\s\S]*keep-alive/i);
    // Node adds a second of grace to the keep-alive timeout; the default would hold it for 5 s more.
    await eventually(() => client.closed, 4000, "the idle connection closed");
  });

  it("adds no listener per drain cycle for a slow reader, and none stay once the answer ends", async () => {
    const watch = watchServers();
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let sent = 0;
    const handler: FetchLike = async () =>
      new Response(
        new ReadableStream<Uint8Array>(
          {
            pull(controller) {
              if (sent++ < 256)
                controller.enqueue(chunk); // 16 MiB in all
              else controller.close();
            },
          },
          { highWaterMark: 0 },
        ),
      );
    const server = await serve(handler, { keepAliveTimeoutMs: 100 });
    const client = rawClient(server.port);
    const body = plainInit.body as string;
    client.socket.write(chatHead(Buffer.byteLength(body)) + body);
    let most = 0;
    let drains = 0;
    const readSlowly = () => {
      client.socket.pause();
      setTimeout(() => client.socket.resume(), 2);
      const res = watch.responses[0];
      if (res) most = Math.max(most, res.listenerCount("close") + res.listenerCount("error"));
    };
    client.socket.on("data", readSlowly);
    await eventually(() => watch.responses.length === 1, 10_000, "the request");
    watch.responses[0]!.on("drain", () => drains++);
    await eventually(() => client.closed, 60_000, "the whole answer, read slowly");
    watch.stop();
    expect(drains).toBeGreaterThan(10); // the reader was slow enough to make the server wait, many times
    const res = watch.responses[0]!;
    expect(most).toBeLessThanOrEqual(4);
    expect(res.listenerCount("drain")).toBe(1); // this test's own
  });
});
