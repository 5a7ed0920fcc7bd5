import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatStream, type ChatStreamOptions } from "./chatStream";
import { AbortError, ParleyError, StreamError, TimeoutError } from "./errors";
import { brokenBody, chunkedBody, hangingBody, sseFrames, sseResponse } from "./test/fakeFetch";
import { type Outcome, outcome } from "./test/outcome";
import { recordedStreams } from "./test/recordings";
import type { StreamEvent } from "./types";

const start = {
  id: "r1",
  type: "message-start",
  delta: { message: { role: "assistant", content: [], tool_plan: "", tool_calls: [], citations: [] } },
};
const thinkingStart = {
  type: "content-start",
  index: 0,
  delta: { message: { content: { type: "thinking", thinking: "" } } },
};
const thinking = { type: "content-delta", index: 0, delta: { message: { content: { thinking: "Hmm." } } } };
const textStart = {
  type: "content-start",
  index: 1,
  delta: { message: { content: { type: "text", text: "" } } },
};
const delta = (text: string, index = 1) => ({
  type: "content-delta",
  index,
  delta: { message: { content: { text } } },
});
const end = (index: number) => ({ type: "content-end", index });
const usage = {
  billed_units: { input_tokens: 3, output_tokens: 4 },
  tokens: { input_tokens: 9, output_tokens: 4 },
};
const messageEnd = { type: "message-end", delta: { finish_reason: "COMPLETE", usage } };
const reply = [
  start,
  thinkingStart,
  thinking,
  end(0),
  textStart,
  delta("Hello"),
  delta(" world"),
  end(1),
  messageEnd,
];

const expected = {
  id: "r1",
  finish_reason: "COMPLETE",
  message: {
    role: "assistant",
    content: [
      { type: "thinking", thinking: "Hmm." },
      { type: "text", text: "Hello world" },
    ],
  },
  usage,
};

function streamOf(chunks: Array<string | Uint8Array>, options?: ChatStreamOptions): ChatStream {
  return new ChatStream(sseResponse(chunks), options);
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("reading a stream", () => {
  it("yields every event in order and assembles the same reply chat() returns", async () => {
    const stream = streamOf([sseFrames(reply)]);
    expect(await collect(stream)).toEqual(reply);
    expect(await stream.finalResponse()).toEqual(expected);
    expect(await stream.text()).toBe("Hello world");
  });

  it("yields unknown events exactly as they came, and the reducer ignores them", async () => {
    const future = { type: "citation-delta", index: 0, anything: { nested: [1] } };
    const debug = { type: "debug", prompt: "…" };
    const stream = streamOf([
      sseFrames([start, future, debug, textStartAt0(), delta("Hi", 0), end(0), messageEnd]),
    ]);
    const events = await collect(stream);
    expect(events[1]).toEqual(future);
    expect(events[2]).toEqual(debug);
    expect((await stream.finalResponse()).message).toEqual({
      role: "assistant",
      content: [{ type: "text", text: "Hi" }],
    });
  });

  it("reads the stream itself when finalResponse() or text() is called without a loop", async () => {
    expect(await streamOf([sseFrames(reply)]).finalResponse()).toEqual(expected);
    expect(await streamOf([sseFrames(reply)]).text()).toBe("Hello world");
  });

  it("survives events split anywhere across chunks, and multi-byte characters split between bytes", async () => {
    const bytes = new TextEncoder().encode(
      sseFrames([start, textStartAt0(), delta("héllo 👋🏽 wörld", 0), end(0), messageEnd]),
    );
    const oneByteEach = Array.from(bytes, (byte) => Uint8Array.of(byte));
    expect(await streamOf(oneByteEach).text()).toBe("héllo 👋🏽 wörld");
  });

  it("gives identical events for every recorded stream however its bytes are chunked", async () => {
    for (const recording of recordedStreams()) {
      const bytes = new TextEncoder().encode(recording.sse);
      const whole = await collect(streamOf([bytes]));
      expect(whole.length).toBeGreaterThan(2);
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }),
          async (cuts) => {
            const offsets = [0, ...cuts.sort((a, b) => a - b), bytes.length];
            const chunks = offsets.slice(1).map((to, i) => bytes.subarray(offsets[i], to));
            expect(await collect(streamOf(chunks))).toEqual(whole);
          },
        ),
        { numRuns: 30 },
      );
    }
  });

  it("resolves normally for message-end with finish_reason ERROR, carrying the error text", async () => {
    const failed = {
      type: "message-end",
      delta: { finish_reason: "ERROR", error: "model overloaded", usage },
    };
    const response = await streamOf([
      sseFrames([start, textStartAt0(), delta("Par", 0), end(0), failed]),
    ]).finalResponse();
    expect(response).toMatchObject({ finish_reason: "ERROR", error: "model overloaded" });
    expect(response.message.content).toEqual([{ type: "text", text: "Par" }]);
  });
});

describe("the end of a stream", () => {
  it("treats [DONE] inside a token's text as text", async () => {
    const stream = streamOf([
      sseFrames([start, textStartAt0(), delta("say [DONE] now", 0), delta(" [DONE]", 0), end(0), messageEnd]),
    ]);
    expect(await stream.text()).toBe("say [DONE] now [DONE]");
  });

  it("ends at a [DONE] payload and ignores whatever follows, even on a connection that stays open", async () => {
    const after = 'event: content-delta\ndata: {"type":"content-delta","index":0}\n\n';
    const body = hangingBody([
      sseFrames([start, textStartAt0(), delta("Hi", 0), end(0), messageEnd]) + after,
    ]);
    const stream = new ChatStream(new Response(body));
    const events = await collect(stream);
    expect(events.map((event) => event.type).at(-1)).toBe("message-end");
    expect(await stream.text()).toBe("Hi");
  });

  it("is complete when the connection closes after message-end without [DONE]", async () => {
    const stream = streamOf([sseFrames(reply, false)]);
    expect(await collect(stream)).toHaveLength(reply.length);
    expect(await stream.finalResponse()).toEqual(expected);
  });

  it("raises StreamError with the partial reply when the stream ends without message-end", async () => {
    const stream = streamOf([sseFrames(reply.slice(0, 6), false)]);
    const error = (await collect(stream).catch((e: unknown) => e)) as StreamError;
    expect(error).toBeInstanceOf(StreamError);
    expect(error.message).toMatch(/without message-end/);
    expect(error.partial?.message.content).toEqual([
      { type: "thinking", thinking: "Hmm." },
      { type: "text", text: "Hello" },
    ]);
    expect(error.partial?.id).toBe("r1");
    await expect(stream.finalResponse()).rejects.toBe(error);
  });

  it("raises StreamError when [DONE] comes before message-end", async () => {
    await expect(streamOf([sseFrames(reply.slice(0, 4))]).finalResponse()).rejects.toThrow(
      /without message-end/,
    );
  });

  it("raises StreamError for an empty body or no body at all", async () => {
    await expect(streamOf([]).finalResponse()).rejects.toBeInstanceOf(StreamError);
    await expect(new ChatStream(new Response(null)).finalResponse()).rejects.toBeInstanceOf(StreamError);
  });

  it.each([
    ["a TypeError (undici)", new TypeError("terminated")],
    ["a DOMException", new DOMException("network error", "NetworkError")],
    ["a plain string", "socket hang up"],
    ["undefined", undefined],
  ])("raises StreamError with the partial reply when a read fails with %s", async (_name, failure) => {
    const body = brokenBody([sseFrames(reply.slice(0, 6), false)], failure);
    const stream = new ChatStream(new Response(body));
    const seen: string[] = [];
    const error = (await (async () => {
      for await (const event of stream) seen.push(event.type);
    })().catch((e: unknown) => e)) as StreamError;
    expect(error).toBeInstanceOf(StreamError);
    expect(error.message).toMatch(/^The stream broke/);
    expect(error.cause).toBe(failure);
    expect(seen).toHaveLength(6);
    expect(error.partial?.message.content?.[1]).toEqual({ type: "text", text: "Hello" });
  });

  it("raises StreamError with the partial reply for invalid JSON", async () => {
    const stream = streamOf([
      sseFrames(reply.slice(0, 6), false),
      'event: content-delta\ndata: {"type":\n\n',
    ]);
    const error = (await stream.finalResponse().catch((e: unknown) => e)) as StreamError;
    expect(error).toBeInstanceOf(StreamError);
    expect(error.message).toMatch(/Invalid JSON/);
    expect(error.partial?.message.content?.[1]).toEqual({ type: "text", text: "Hello" });
  });

  it("raises StreamError for a stream that cannot be assembled: a delta for a block that never started", async () => {
    const stream = streamOf([
      sseFrames([start, textStartAt0(), delta("a", 0), delta("b", 3), end(0), messageEnd]),
    ]);
    const seen: StreamEvent[] = [];
    const error = (await (async () => {
      for await (const event of stream) seen.push(event);
    })().catch((e: unknown) => e)) as StreamError;
    expect(error).toBeInstanceOf(StreamError);
    expect(error.message).toMatch(/content-delta 3 before its content-start/);
    expect(seen).toHaveLength(3);
    expect(error.partial?.message.content).toEqual([{ type: "text", text: "a" }]);
  });
});

describe("single use", () => {
  it("throws a clear error on a second iteration", async () => {
    const stream = streamOf([sseFrames(reply)]);
    await collect(stream);
    const again = await collect(stream).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ParleyError);
    expect((again as Error).message).toMatch(/iterated only once.*after the loop/);
    expect(() => stream.toReadableStream()).toThrow(/only once/);
    expect(await stream.finalResponse()).toEqual(expected); // still there after the loop
  });

  it("cannot be iterated after finalResponse() has read it", async () => {
    const stream = streamOf([sseFrames(reply)]);
    await stream.finalResponse();
    await expect(collect(stream)).rejects.toThrow(/only once/);
  });

  it("lets finalResponse() wait for a loop that is still running", async () => {
    const stream = streamOf(reply.map((event) => sseFrames([event], false)).concat("data: [DONE]\n\n"));
    let final: Outcome<unknown> | undefined;
    for await (const event of stream) {
      if (event.type === "message-start") final = outcome(stream.finalResponse());
      if (event.type === "message-end") expect(final?.settled).toBe(false);
    }
    await vi.waitFor(() => expect(final?.value).toEqual(expected));
  });
});

describe("the iterator", () => {
  it("serves next() calls made before the last one settled in order, as an async generator does", async () => {
    // Reads of 7 bytes: most end inside an event, so a read may finish no event or several.
    const body = sseFrames(reply);
    const chunks = Array.from({ length: Math.ceil(body.length / 7) }, (_, i) => body.slice(i * 7, i * 7 + 7));
    const stream = streamOf(chunks);
    const iterator = stream[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: reply.length + 2 }, () => iterator.next()));
    expect(results.map((result) => result.value)).toEqual([...reply, undefined, undefined]);
    expect(results.map((result) => result.done)).toEqual([...reply.map(() => false), true, true]);
    expect(await stream.finalResponse()).toEqual(expected);
  });

  it("is itself iterable, and done for good once it has returned", async () => {
    const stream = streamOf([sseFrames(reply)]);
    const iterator = stream[Symbol.asyncIterator]() as AsyncIterableIterator<StreamEvent>;
    expect(iterator[Symbol.asyncIterator]()).toBe(iterator);
    expect((await iterator.next()).value).toEqual(start);
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(AbortError);
  });
});

describe("stopping a stream", () => {
  it("cancels the request when a for-await loop is left early", async () => {
    const cancelled = vi.fn();
    const controller = new AbortController();
    const encoder = new TextEncoder();
    const frames = reply.map((event) => sseFrames([event], false));
    const body = new ReadableStream<Uint8Array>({
      pull(stream) {
        const frame = frames.shift();
        if (frame) stream.enqueue(encoder.encode(frame));
      },
      cancel: cancelled,
    });
    const stream = new ChatStream(new Response(body), { controller });
    for await (const event of stream) {
      if (event.type === "content-delta") break;
    }
    expect(cancelled).toHaveBeenCalled();
    expect(controller.signal.aborted).toBe(true);
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(AbortError);
  });

  it("cancels the request when the loop body throws", async () => {
    const controller = new AbortController();
    const stream = new ChatStream(new Response(hangingBody([sseFrames(reply.slice(0, 3), false)])), {
      controller,
    });
    await expect(
      (async () => {
        for await (const _ of stream) throw new Error("render failed");
      })(),
    ).rejects.toThrow("render failed");
    expect(controller.signal.aborted).toBe(true);
  });

  it("abort() ends a read that is waiting on a silent body at once, even when the body ignores cancellation", async () => {
    const stream = new ChatStream(new Response(hangingBody([sseFrames(reply.slice(0, 2), false)])));
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    const pending = outcome(iterator.next());
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(pending.settled).toBe(false);
    stream.abort("user pressed stop");
    await vi.waitFor(() => expect(pending.error).toBeInstanceOf(AbortError));
    expect((pending.error as AbortError).cause).toBe("user pressed stop");
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(AbortError);
  });

  it("the caller's signal aborts a stream mid-way", async () => {
    const caller = new AbortController();
    const stream = new ChatStream(new Response(hangingBody([sseFrames(reply.slice(0, 3), false)])), {
      signal: caller.signal,
    });
    const seen: string[] = [];
    const done = (async () => {
      for await (const event of stream) {
        seen.push(event.type);
        if (seen.length === 3) setTimeout(() => caller.abort(), 1);
      }
    })();
    await expect(done).rejects.toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(3);
  });

  it("a stream aborted before it is read raises AbortError and releases the body", async () => {
    const cancelled = vi.fn();
    const stream = new ChatStream(new Response(new ReadableStream({ cancel: cancelled })));
    stream.abort();
    expect(cancelled).toHaveBeenCalled();
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(AbortError);
  });

  it("toReadableStream() yields the events, and cancelling it cancels the request", async () => {
    expect(
      await collect(streamOf([sseFrames(reply)]).toReadableStream() as unknown as AsyncIterable<StreamEvent>),
    ).toEqual(reply);

    const controller = new AbortController();
    const stream = new ChatStream(new Response(hangingBody([sseFrames(reply.slice(0, 2), false)])), {
      controller,
    });
    const readable = stream.toReadableStream();
    const reader = readable.getReader();
    expect((await reader.read()).value).toEqual(start);
    await reader.cancel();
    expect(controller.signal.aborted).toBe(true);
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(AbortError);
  });
});

describe("streamIdleTimeoutMs", () => {
  it("fails with TimeoutError after 60 s of silence by default, though the body ignores cancellation", async () => {
    vi.useFakeTimers();
    const stream = new ChatStream(new Response(hangingBody([sseFrames(reply.slice(0, 3), false)])));
    const seen: string[] = [];
    const done = outcome(
      (async () => {
        for await (const event of stream) seen.push(event.type);
      })(),
    );
    await vi.advanceTimersByTimeAsync(59_999);
    expect([seen.length, done.settled]).toEqual([3, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect(done.error).toBeInstanceOf(TimeoutError);
    expect((done.error as Error).message).toBe("The stream was silent for 60000 ms (streamIdleTimeoutMs)");
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(TimeoutError);
  });

  it("counts silence from the last chunk, not from the start", async () => {
    vi.useFakeTimers();
    const frames = reply.map((event) => sseFrames([event], false));
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 900));
        const frame = frames.shift();
        if (frame) controller.enqueue(new TextEncoder().encode(frame));
        else controller.close();
      },
    });
    const text = outcome(new ChatStream(new Response(body), { streamIdleTimeoutMs: 1000 }).text());
    await vi.advanceTimersByTimeAsync(900 * (reply.length + 1));
    expect(text.value).toBe("Hello world");
  });

  it("does not count the time a slow consumer spends between events", async () => {
    vi.useFakeTimers();
    const stream = new ChatStream(new Response(chunkedBody([sseFrames(reply)])), {
      streamIdleTimeoutMs: 1000,
    });
    const done = outcome(
      (async () => {
        for await (const _ of stream) await new Promise((resolve) => setTimeout(resolve, 5000));
      })(),
    );
    await vi.advanceTimersByTimeAsync(5000 * reply.length);
    expect(done.settled).toBe(true);
    expect(done.error).toBeUndefined();
  });

  it("starts one idle timer for a whole stream, not one per network read", async () => {
    vi.useFakeTimers();
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const chunks = reply.map((event) => sseFrames([event], false)).concat("data: [DONE]\n\n");
    expect(await streamOf(chunks).finalResponse()).toEqual(expected);
    expect(chunks.length).toBeGreaterThan(5);
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
  });

  it("gives a read that starts late in the timer's period its whole streamIdleTimeoutMs", async () => {
    vi.useFakeTimers();
    const stream = new ChatStream(new Response(hangingBody([sseFrames(reply.slice(0, 1), false)])), {
      streamIdleTimeoutMs: 1000,
    });
    const done = outcome(
      (async () => {
        // The consumer works 700 ms on the first event; the next read starts then and never gets an answer.
        for await (const _ of stream) await new Promise((resolve) => setTimeout(resolve, 700));
      })(),
    );
    await vi.advanceTimersByTimeAsync(1699);
    expect(done.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done.error).toBeInstanceOf(TimeoutError);
  });

  it("leaves no timer behind once the stream has ended", async () => {
    vi.useFakeTimers();
    await streamOf([sseFrames(reply)]).finalResponse();
    expect(vi.getTimerCount()).toBe(0);
  });
});

function textStartAt0() {
  return { type: "content-start", index: 0, delta: { message: { content: { type: "text", text: "" } } } };
}
