import { StreamError } from "@parley/core";
import { decodeEvents } from "@parley/core/protocol";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FetchLike } from "../http/fetchLike";
import { createReplayFetch } from "../replay/replayFetch";
import { postChat, readChunks, sampleCassette, streamEvents, text } from "../test/sampleCassette";
import { withFaults } from "./faults";

/** Many requests in one test: generous when the machine is busy, never a timing assertion. */
const SLOW = 30_000;

const streamRequest = postChat({ model: "m", messages: [{ role: "user", content: "Hi" }], stream: true });
const plainRequest = postChat({ model: "m", messages: [{ role: "user", content: "Hi" }], stream: false });
const replay = (faults: Parameters<typeof withFaults>[1]) => createReplayFetch(sampleCassette, { faults });
const decoder = new TextDecoder("utf-8", { fatal: true });
const original = (sampleCassette.interactions[1]!.response.chunks ?? []).join("");

afterEach(() => {
  vi.useRealTimers();
});

function decodes(chunk: Uint8Array): boolean {
  try {
    decoder.decode(chunk);
    return true;
  } catch {
    return false;
  }
}

async function chunksOf(fetch: FetchLike, request = streamRequest): Promise<Uint8Array[]> {
  return readChunks(await fetch(...request));
}

/** Reads a body the fault cuts off, checking the read fails as a dropped connection does; the chunks that came. */
async function readUntilDropped(response: Response): Promise<Uint8Array[]> {
  const reader = response.body!.getReader();
  const received: Uint8Array[] = [];
  await expect(
    (async () => {
      for (let read = await reader.read(); !read.done; read = await reader.read()) received.push(read.value);
    })(),
  ).rejects.toThrow(/terminated/);
  return received;
}

describe("faults", () => {
  it("re-chunks at every byte without changing the bytes", async () => {
    const chunks = await chunksOf(replay({ rechunk: "byte" }));
    expect(chunks.every((chunk) => chunk.length === 1)).toBe(true);
    expect(text(chunks)).toBe(original);
    expect(decodeEvents(chunks)).toEqual(streamEvents);
  });

  it("re-chunks at seeded random offsets, the same for the same seed", async () => {
    const sizes = async (seed: number) =>
      (await chunksOf(replay({ rechunk: "random", seed, maxChunkBytes: 7 }))).map((chunk) => chunk.length);
    const first = await sizes(3);
    expect(first).toEqual(await sizes(3));
    expect(first).not.toEqual(await sizes(4));
    expect(Math.max(...first)).toBeLessThanOrEqual(7);
    expect(first.reduce((a, b) => a + b)).toBe(new TextEncoder().encode(original).length);
  });

  it("keeps every stream intact under any seed and chunk size", { timeout: SLOW }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 40 }),
        async (seed, max) => {
          const chunks = await chunksOf(
            replay({ rechunk: "random", seed, maxChunkBytes: max, splitMultibyte: true }),
          );
          expect(decodeEvents(chunks)).toEqual(streamEvents);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("splits every multi-byte character across two chunks", async () => {
    const chunks = await chunksOf(replay({ splitMultibyte: true }));
    // A lead byte (11xxxxxx) always ends its chunk, so the rest of the character comes in the next one.
    const leads = chunks.flatMap((chunk) =>
      [...chunk.entries()].filter(([, byte]) => byte >= 0xc0).map(([i]) => i === chunk.length - 1),
    );
    expect(leads).toHaveLength(5);
    expect(leads.every(Boolean)).toBe(true);
    expect(chunks.filter((chunk) => !decodes(chunk)).length).toBeGreaterThanOrEqual(5);
    expect(decodeEvents(chunks)).toEqual(streamEvents);
  });

  it("re-chunks non-stream bodies too", async () => {
    const chunks = await chunksOf(replay({ rechunk: "byte" }), plainRequest);
    expect(chunks.length).toBeGreaterThan(10);
    expect(JSON.parse(text(chunks))).toEqual(sampleCassette.interactions[0]!.response.body);
  });

  it("drops the connection after N events", async () => {
    const response = await replay({ disconnectAfterEvents: 3 })(...streamRequest);
    const received = await readUntilDropped(response);
    expect(decodeEvents(received)).toEqual(streamEvents.slice(0, 3));
  });

  it("writes invalid JSON into the chosen event", async () => {
    const chunks = await chunksOf(replay({ invalidJsonAtEvent: 2 }));
    expect(() => decodeEvents(chunks)).toThrow(StreamError);
    expect(text(chunks)).toContain("event: content-delta\ndata: {");
    expect(decodeEvents([text(chunks).split("event: content-delta")[0]!])).toEqual(streamEvents.slice(0, 2));
  });

  it("leaves out message-end but keeps [DONE]", async () => {
    const body = text(await chunksOf(replay({ dropMessageEnd: true })));
    expect(decodeEvents([body]).map((event) => event.type)).toEqual(
      streamEvents.slice(0, 5).map((e) => e.type),
    );
    expect(body.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("answers 429 with Retry-After, then succeeds", async () => {
    const fetch = replay({ rateLimit: { times: 2, retryAfterSeconds: 7 } });
    for (const _ of [1, 2]) {
      const limited = await fetch(...plainRequest);
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("7");
      expect(await limited.json()).toEqual({ message: expect.stringContaining("per minute request limit") });
    }
    expect((await fetch(...plainRequest)).status).toBe(200);
  });

  it("answers 5xx, then succeeds", async () => {
    const fetch = replay({ serverError: { status: 500 } });
    const failed = await fetch(...plainRequest);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ message: "internal server error" });
    expect((await fetch(...plainRequest)).status).toBe(200);
  });

  it("delays the first chunk and every later one", async () => {
    vi.useFakeTimers();
    const response = await replay({ firstTokenDelayMs: 100, chunkDelayMs: 10 })(...streamRequest);
    const reader = response.body!.getReader();
    const order: string[] = [];
    const first = reader.read().then(() => order.push("first"));
    await vi.advanceTimersByTimeAsync(99);
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await first;
    const second = reader.read().then(() => order.push("second"));
    await vi.advanceTimersByTimeAsync(9);
    expect(order).toEqual(["first"]);
    await vi.advanceTimersByTimeAsync(1);
    await second;
    expect(order).toEqual(["first", "second"]);
    await reader.cancel();
  });

  it("stalls after N events until the request is aborted", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const response = await replay({ stall: { afterEvents: 2 } })(...(streamRequest.slice(0, 1) as [string]), {
      ...streamRequest[1],
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const received: Uint8Array[] = [];
    received.push((await reader.read()).value!, (await reader.read()).value!);
    expect(decodeEvents(received)).toEqual(streamEvents.slice(0, 2));
    const stalled = reader.read();
    await vi.advanceTimersByTimeAsync(3_600_000);
    controller.abort(new DOMException("idle timeout", "TimeoutError"));
    await expect(stalled).rejects.toThrow("idle timeout");
  });

  it("stalls for a while and then goes on when given ms", async () => {
    vi.useFakeTimers();
    const response = await replay({ stall: { afterEvents: 1, ms: 500 } })(...streamRequest);
    const reader = response.body!.getReader();
    await reader.read();
    let second = false;
    const next = reader.read().then(() => {
      second = true;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await next;
    expect(second).toBe(true);
    await reader.cancel();
  });

  it("wraps any fetch: the same faults on a plain upstream", async () => {
    const upstream: FetchLike = async () =>
      new Response(original, { headers: { "content-type": "text/event-stream" } });
    const fetch = withFaults(upstream, { rateLimit: {}, disconnectAfterEvents: 1, rechunk: "byte" });
    expect((await fetch("http://x/v2/chat")).status).toBe(429);
    const response = await fetch("http://x/v2/chat");
    const received = await readUntilDropped(response);
    expect(received.every((chunk) => chunk.length === 1)).toBe(true);
    expect(decodeEvents(received)).toEqual(streamEvents.slice(0, 1));
  });

  it("passes bodies through untouched when only HTTP faults are set", async () => {
    const upstream = new Response("x");
    const fetch = withFaults(async () => upstream, { serverError: { times: 0 } });
    expect(await fetch("http://x/")).toBe(upstream);
  });

  it.each([
    [{ rechunk: "lines" }, 'faults.rechunk must be "byte" or "random"'],
    [{ serverError: { status: 404 } }, "faults.serverError.status must be a 5xx status"],
    [{ chunkDelayMs: -1 }, "faults.chunkDelayMs must be a number >= 0"],
    [{ maxChunkBytes: 0 }, "faults.maxChunkBytes must be at least 1"],
  ])("refuses %j", (faults, message) => {
    expect(() => replay(faults as never)).toThrow(message);
  });
});
