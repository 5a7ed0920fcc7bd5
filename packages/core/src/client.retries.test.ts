import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ClientV2, type RequestOptions } from "./client";
import {
  AbortError,
  BadRequestError,
  ConnectionError,
  NotImplementedError,
  ServiceUnavailableError,
  StreamError,
  TimeoutError,
  TooManyRequestsError,
} from "./errors";
import {
  brokenBody,
  type FakeFetch,
  fakeFetch,
  hangingBody,
  hangingFetch,
  jsonResponse,
  sseFrames,
  sseResponse,
} from "./test/fakeFetch";
import { outcome } from "./test/outcome";
import type { ChatRequest, ChatResponse } from "./types";

const hello: ChatRequest = {
  model: "command-a-03-2025",
  messages: [{ role: "user", content: "Hello" }],
};
const reply: ChatResponse = {
  id: "r1",
  finish_reason: "COMPLETE",
  message: { role: "assistant", content: [{ type: "text", text: "Hi" }] },
};
const events = [
  { id: "r1", type: "message-start", delta: { message: { role: "assistant" } } },
  { type: "content-start", index: 0, delta: { message: { content: { type: "text", text: "" } } } },
  { type: "content-delta", index: 0, delta: { message: { content: { text: "Hi" } } } },
  { type: "content-end", index: 0 },
  { type: "message-end", delta: { finish_reason: "COMPLETE" } },
];

const status = (code: number, headers: Record<string, string> = {}) =>
  jsonResponse({ message: `status ${code}` }, { status: code, headers });

function client(fetch: FakeFetch, options: ConstructorParameters<typeof ClientV2>[0] = {}) {
  return new ClientV2({ apiKey: "k", fetch, ...options });
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, "random").mockReturnValue(0); // no jitter: waits of exactly 0.5 s, 1 s, 2 s…
});
afterEach(() => {
  vi.useRealTimers();
});

describe("retries", () => {
  it("retries a 503 after 0.5 s, then a second time after 1 s, and returns the reply", async () => {
    const fetch = fakeFetch(status(503), status(503), jsonResponse(reply));
    const call = outcome(client(fetch).chat(hello));
    await vi.advanceTimersByTimeAsync(499);
    expect(fetch.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(fetch.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.value).toEqual(reply);
    expect(fetch.calls[2]?.body).toEqual(fetch.calls[0]?.body);
  });

  it("gives up after maxRetries (2 by default) with the last error", async () => {
    const fetch = fakeFetch(status(500), status(502), status(503), jsonResponse(reply));
    const call = outcome(client(fetch).chat(hello));
    await vi.runAllTimersAsync();
    expect(call.error).toBeInstanceOf(ServiceUnavailableError);
    expect(fetch.calls).toHaveLength(3);
  });

  it("takes maxRetries from the call over the client", async () => {
    const none = fakeFetch(status(503));
    await expect(client(none, { maxRetries: 5 }).chat(hello, { maxRetries: 0 })).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    expect(none.calls).toHaveLength(1);

    const more = fakeFetch(status(503), status(503), status(503), status(503), jsonResponse(reply));
    const call = outcome(client(more, { maxRetries: 4 }).chat(hello));
    await vi.runAllTimersAsync();
    expect(call.value).toEqual(reply);
  });

  it.each([
    [400, BadRequestError],
    [501, NotImplementedError],
  ])("does not retry %i", async (code, ErrorClass) => {
    const fetch = fakeFetch(status(code), jsonResponse(reply));
    await expect(client(fetch, { validate: false }).chat(hello)).rejects.toBeInstanceOf(ErrorClass);
    expect(fetch.calls).toHaveLength(1);
  });

  it("waits as long as Retry-After says, in seconds or as retry-after-ms", async () => {
    const fetch = fakeFetch(
      status(429, { "retry-after": "2" }),
      status(429, { "retry-after-ms": "300" }),
      jsonResponse(reply),
    );
    const call = outcome(client(fetch).chat(hello));
    await vi.advanceTimersByTimeAsync(1999);
    expect(fetch.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(300);
    expect(call.value).toEqual(reply);
  });

  it("exposes the server's wait on TooManyRequestsError when it gives up", async () => {
    const fetch = fakeFetch(status(429, { "retry-after": "7" }));
    const error = (await client(fetch, { maxRetries: 0 })
      .chat(hello)
      .catch((e: unknown) => e)) as TooManyRequestsError;
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error.retryAfterMs).toBe(7000);
  });

  it("retries connection failures", async () => {
    const fetch = fakeFetch(new TypeError("fetch failed"), jsonResponse(reply));
    const call = outcome(client(fetch).chat(hello));
    await vi.advanceTimersByTimeAsync(500);
    expect(call.value).toEqual(reply);

    const down = fakeFetch(new TypeError("a"), new TypeError("b"), new TypeError("c"));
    const failed = outcome(client(down).chat(hello));
    await vi.runAllTimersAsync();
    expect(failed.error).toBeInstanceOf(ConnectionError);
    expect((failed.error as Error).message).toContain(": c");
  });

  it("retries a stream before its first event, and never after", async () => {
    const fetch = fakeFetch(status(503), sseResponse([sseFrames(events)]));
    const call = outcome(client(fetch).chatStream(hello));
    await vi.advanceTimersByTimeAsync(500);
    expect(await call.value?.text()).toBe("Hi");
    expect(fetch.calls.map((request) => request.body.stream)).toEqual([true, true]);

    const broken = fakeFetch(
      new Response(brokenBody([sseFrames(events.slice(0, 3), false)], new TypeError("terminated"))),
      sseResponse([sseFrames(events)]),
    );
    const stream = await client(broken).chatStream(hello);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of stream) seen.push(event.type);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamError);
    expect(seen).toEqual(["message-start", "content-start", "content-delta"]);
    await vi.runAllTimersAsync();
    expect(broken.calls).toHaveLength(1);
  });
});

describe("abort", () => {
  it("ends a call at once when the caller aborts before the response, even if fetch ignores the signal", async () => {
    const fetch = hangingFetch();
    const controller = new AbortController();
    const call = outcome(client(fetch).chat(hello, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort("changed my mind");
    await vi.advanceTimersByTimeAsync(0);
    expect(call.error).toBeInstanceOf(AbortError);
    expect((call.error as AbortError).cause).toBe("changed my mind");
    expect(fetch.calls[0]?.init.signal.aborted).toBe(true);
  });

  it("ends a stream call at once when aborted before the headers", async () => {
    const controller = new AbortController();
    const call = outcome(client(hangingFetch()).chatStream(hello, { signal: controller.signal }));
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(call.error).toBeInstanceOf(AbortError);
  });

  it("ends a backoff wait at once, and makes no further attempt", async () => {
    const fetch = fakeFetch(status(503, { "retry-after": "30" }), jsonResponse(reply));
    const controller = new AbortController();
    const call = outcome(client(fetch).chat(hello, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(call.settled).toBe(false);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(call.error).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch.calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("sends nothing for a signal that has already aborted", async () => {
    const fetch = fakeFetch(jsonResponse(reply));
    const options: RequestOptions = { signal: AbortSignal.abort() };
    await expect(client(fetch).chat(hello, options)).rejects.toBeInstanceOf(AbortError);
    await expect(client(fetch).chatStream(hello, options)).rejects.toBeInstanceOf(AbortError);
    expect(fetch.calls).toHaveLength(0);
  });

  it("cancels the body of a response that arrives after the call was aborted", async () => {
    let answer!: (response: Response) => void;
    const cancelled = vi.fn();
    const fetch = fakeFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const controller = new AbortController();
    const call = outcome(client(fetch).chat(hello, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    answer(new Response(new ReadableStream({ cancel: cancelled })));
    await vi.advanceTimersByTimeAsync(0);
    expect(call.error).toBeInstanceOf(AbortError);
    expect(cancelled).toHaveBeenCalled();
  });

  it("turns a timed-out caller signal into a TimeoutError", async () => {
    // What AbortSignal.timeout() aborts with (its timer is not one fake timers control).
    const controller = new AbortController();
    const call = outcome(client(hangingFetch()).chat(hello, { signal: controller.signal }));
    controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
    await vi.advanceTimersByTimeAsync(0);
    expect(call.error).toBeInstanceOf(TimeoutError);
  });
});

describe("timeoutMs", () => {
  it("fails with TimeoutError after 300 s by default when fetch never answers and ignores the signal", async () => {
    const call = outcome(client(hangingFetch()).chat(hello));
    await vi.advanceTimersByTimeAsync(299_999);
    expect(call.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.error).toBeInstanceOf(TimeoutError);
    expect((call.error as Error).message).toBe("No reply within timeoutMs (300000 ms)");
  });

  it("is one deadline across all attempts and waits, not one per attempt", async () => {
    let attempts = 0;
    const fetch = fakeFetch(status(503), () => {
      attempts++;
      return new Promise<Response>(() => {});
    });
    const call = outcome(client(fetch, { timeoutMs: 2000 }).chat(hello));
    await vi.advanceTimersByTimeAsync(1999);
    expect([attempts, call.settled]).toEqual([1, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.error).toBeInstanceOf(TimeoutError);
  });

  it("raises the server's error at once when its Retry-After runs past the deadline", async () => {
    const fetch = fakeFetch(status(429, { "retry-after": "10" }), jsonResponse(reply));
    const call = outcome(client(fetch).chat(hello, { timeoutMs: 5000 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(call.error).toBeInstanceOf(TooManyRequestsError);
    expect(fetch.calls).toHaveLength(1);
  });

  it("bounds the reading of a non-streamed reply", async () => {
    const fetch = fakeFetch(new Response(hangingBody(['{"id":"r1",'])));
    const call = outcome(client(fetch).chat(hello, { timeoutMs: 1000 }));
    await vi.advanceTimersByTimeAsync(999);
    expect(call.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.error).toBeInstanceOf(TimeoutError);
  });

  it("stops once a stream has started: a long, steady stream outlives it", async () => {
    const frames = sseFrames(events);
    let sent = 0;
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 50_000));
        if (sent >= frames.length) return controller.close();
        controller.enqueue(new TextEncoder().encode(frames.slice(sent, sent + 40)));
        sent += 40;
      },
    });
    const stream = await client(fakeFetch(new Response(slow))).chatStream(hello, { timeoutMs: 1000 });
    const text = outcome(stream.text());
    await vi.advanceTimersByTimeAsync(50_000 * 40);
    expect(text.value).toBe("Hi");
  });
});
