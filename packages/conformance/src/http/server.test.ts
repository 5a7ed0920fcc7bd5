import { decodeEvents } from "@parley/core/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { createReplayFetch } from "../replay/replayFetch";
import { postChat, readChunks, sampleCassette, streamEvents } from "../test/sampleCassette";
import type { FetchLike } from "./fetchLike";
import { createServer, type RunningServer } from "./server";

const running: RunningServer[] = [];
async function serve(handler: FetchLike, options?: Parameters<typeof createServer>[1]) {
  const server = await createServer(handler, options);
  running.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

const hi = { model: "m", messages: [{ role: "user", content: "Hi" }] };
const [, streamInit] = postChat({ ...hi, stream: true });
const [, plainInit] = postChat({ ...hi, stream: false });

describe("createServer", () => {
  it("listens on 127.0.0.1 and answers from the handler", async () => {
    const server = await serve(createReplayFetch(sampleCassette));
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/v2/chat`, plainInit);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-debug-trace-id")).toBe("abc");
    expect(await response.json()).toEqual(sampleCassette.interactions[0]!.response.body);
  });

  it("streams events with content-type text/event-stream", async () => {
    const server = await serve(createReplayFetch(sampleCassette, { faults: { chunkDelayMs: 1 } }));
    const response = await fetch(`${server.url}/v2/chat`, streamInit);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const chunks = await readChunks(response);
    // Each recorded chunk is written (and flushed) on its own.
    expect(chunks.length).toBeGreaterThan(1);
    expect(decodeEvents(chunks)).toEqual(streamEvents);
  });

  it("answers unmatched requests with the replay's 404", async () => {
    const server = await serve(createReplayFetch(sampleCassette));
    const response = await fetch(`${server.url}/v2/chat?x=1`, plainInit);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toContain("which differs at path");
  });

  it("drops the connection when the body breaks mid-stream", async () => {
    const server = await serve(createReplayFetch(sampleCassette, { faults: { disconnectAfterEvents: 2 } }));
    const response = await fetch(`${server.url}/v2/chat`, streamInit);
    await expect(response.text()).rejects.toThrow();
  });

  it("aborts the handler's signal when the client goes away", async () => {
    let handlerSignal: AbortSignal | undefined;
    const aborted = new Promise<void>((resolve) => {
      const handler: FetchLike = async (input) => {
        handlerSignal = (input as Request).signal;
        handlerSignal.addEventListener("abort", () => resolve());
        return createReplayFetch(sampleCassette, { faults: { stall: { afterEvents: 1 } } })(input);
      };
      void serve(handler).then(async (server) => {
        const controller = new AbortController();
        const response = await fetch(`${server.url}/v2/chat`, { ...streamInit, signal: controller.signal });
        const reader = response.body!.getReader();
        await reader.read();
        controller.abort();
      });
    });
    await aborted;
    expect(handlerSignal?.aborted).toBe(true);
  });

  it("answers 500 when the handler throws, without repeating the error (it may name local files)", async () => {
    const errors: unknown[] = [];
    const server = await serve(
      async () => {
        throw new Error("ENOENT: no such file or directory, open '/home/me/cassettes/x.json'");
      },
      { onError: (error) => errors.push(error) },
    );
    const response = await fetch(`${server.url}/v2/chat`, plainInit);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: "The handler failed; the server's log says why" });
    expect(errors).toEqual([expect.objectContaining({ message: expect.stringContaining("/home/me") })]);
  });

  it("says so when the port is taken", async () => {
    const first = await serve(createReplayFetch(sampleCassette));
    await expect(createServer(createReplayFetch(sampleCassette), { port: first.port })).rejects.toThrow(
      `Port ${first.port} on 127.0.0.1 is already in use`,
    );
  });

  it("closes while a stream is stalled", async () => {
    const server = await createServer(
      createReplayFetch(sampleCassette, { faults: { stall: { afterEvents: 1 } } }),
    );
    const response = await fetch(`${server.url}/v2/chat`, streamInit);
    const reader = response.body!.getReader();
    await reader.read();
    await server.close();
    await expect(reader.read()).rejects.toThrow();
  });
});
