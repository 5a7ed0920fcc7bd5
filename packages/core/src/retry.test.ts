import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError, ApiError, apiErrorFor, ConnectionError, ParleyError, TimeoutError } from "./errors";
import {
  abortable,
  linkSignal,
  MAX_RETRY_DELAY_MS,
  retryDelay,
  startTimeout,
  wait,
  withRetries,
} from "./retry";

const status = (code: number, headers: Record<string, string> = {}) =>
  apiErrorFor({ status: code, body: "", headers: new Headers(headers) });

/** Settles with what `promise` did, without ever leaving a rejection unhandled. */
function outcome<T>(promise: Promise<T>): { value?: T; error?: unknown; settled: boolean } {
  const state: { value?: T; error?: unknown; settled: boolean } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { value, settled: true }),
    (error: unknown) => Object.assign(state, { error, settled: true }),
  );
  return state;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("retryDelay", () => {
  it("doubles from 0.5 s up to 8 s and takes up to a quarter off at random", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((retry) => retryDelay(retry, undefined, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(retryDelay(1, undefined, () => 0.999_999)).toBeCloseTo(750, 2);
    expect(retryDelay(2, undefined, () => 0.5)).toBe(1750);
  });

  it("waits as long as the server asks, but never longer than a minute", () => {
    expect(retryDelay(0, 3000, () => 0)).toBe(3000);
    expect(retryDelay(5, 0, () => 0)).toBe(0);
    expect(retryDelay(0, 3_600_000, () => 0)).toBe(MAX_RETRY_DELAY_MS);
  });
});

describe("wait and abortable", () => {
  it("waits the given time", async () => {
    const done = outcome(wait(1000, new AbortController().signal));
    await vi.advanceTimersByTimeAsync(999);
    expect(done.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done.settled).toBe(true);
  });

  it("ends a wait the moment the signal aborts, with the signal's reason, and leaves no timer behind", async () => {
    const controller = new AbortController();
    const done = outcome(wait(60_000, controller.signal));
    await vi.advanceTimersByTimeAsync(10);
    const reason = new AbortError("stop");
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(0);
    expect(done.error).toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects at once for a signal that has already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new AbortError("early"));
    await expect(wait(10, controller.signal)).rejects.toThrow("early");
    await expect(abortable(Promise.reject(new Error("ignored")), controller.signal)).rejects.toThrow("early");
  });

  it("stops waiting for a promise that never settles when the signal aborts", async () => {
    const controller = new AbortController();
    const done = outcome(abortable(new Promise(() => {}), controller.signal));
    controller.abort(new TimeoutError("too slow"));
    await vi.advanceTimersByTimeAsync(0);
    expect(done.error).toBeInstanceOf(TimeoutError);
  });

  it("passes a settled promise's value or error through", async () => {
    const signal = new AbortController().signal;
    await expect(abortable(Promise.resolve(7), signal)).resolves.toBe(7);
    await expect(abortable(Promise.reject(new Error("no")), signal)).rejects.toThrow("no");
  });
});

describe("linkSignal and startTimeout", () => {
  it("turns the caller's abort into an AbortError that keeps the caller's reason as its cause", () => {
    const caller = new AbortController();
    const controller = new AbortController();
    linkSignal(caller.signal, controller);
    caller.abort("user left");
    expect(controller.signal.reason).toBeInstanceOf(AbortError);
    expect((controller.signal.reason as AbortError).cause).toBe("user left");
  });

  it("turns a timed-out caller signal into a TimeoutError", () => {
    const controller = new AbortController();
    const caller = new AbortController();
    linkSignal(caller.signal, controller);
    caller.abort(new DOMException("signal timed out", "TimeoutError"));
    expect(controller.signal.reason).toBeInstanceOf(TimeoutError);
  });

  it("aborts at once for an aborted caller signal, and unlinks", () => {
    const aborted = new AbortController();
    aborted.abort();
    const first = new AbortController();
    linkSignal(aborted.signal, first);
    expect(first.signal.aborted).toBe(true);

    const caller = new AbortController();
    const second = new AbortController();
    linkSignal(caller.signal, second)();
    caller.abort();
    expect(second.signal.aborted).toBe(false);
  });

  it("times out with a TimeoutError, never for an infinite limit, and can be stopped", async () => {
    const timed = new AbortController();
    startTimeout(100, timed, "no reply");
    const endless = new AbortController();
    startTimeout(Number.POSITIVE_INFINITY, endless, "never");
    const stopped = new AbortController();
    startTimeout(100, stopped, "stopped")();
    await vi.advanceTimersByTimeAsync(1_000_000);
    expect(timed.signal.reason).toEqual(new TimeoutError("no reply"));
    expect(endless.signal.aborted).toBe(false);
    expect(stopped.signal.aborted).toBe(false);
  });
});

describe("withRetries", () => {
  const options = (extra: Partial<Parameters<typeof withRetries>[1]> = {}) => ({
    maxRetries: 2,
    signal: new AbortController().signal,
    deadline: Number.POSITIVE_INFINITY,
    random: () => 0,
    ...extra,
  });

  it.each([408, 409, 429, 500, 502, 503, 504])("retries %i after backing off", async (code) => {
    const attempt = vi.fn().mockRejectedValueOnce(status(code)).mockResolvedValueOnce("ok");
    const done = outcome(withRetries(attempt, options()));
    await vi.advanceTimersByTimeAsync(499);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(done.value).toBe("ok");
  });

  it.each([400, 401, 402, 403, 404, 422, 498, 499, 501])("does not retry %i", async (code) => {
    const attempt = vi.fn().mockRejectedValue(status(code));
    await expect(withRetries(attempt, options())).rejects.toBeInstanceOf(ApiError);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it("retries connection failures but no other error", async () => {
    const connection = vi.fn().mockRejectedValueOnce(new ConnectionError("reset")).mockResolvedValue(1);
    const done = outcome(withRetries(connection, options()));
    await vi.advanceTimersByTimeAsync(500);
    expect(done.value).toBe(1);

    const other = vi.fn().mockRejectedValue(new ParleyError("no key"));
    await expect(withRetries(other, options())).rejects.toThrow("no key");
    expect(other).toHaveBeenCalledTimes(1);
  });

  it("backs off exponentially and gives up after maxRetries with the last error", async () => {
    const attempt = vi.fn().mockRejectedValue(status(503));
    const done = outcome(withRetries(attempt, options({ maxRetries: 3 })));
    const calls: number[] = [];
    for (const step of [500, 1000, 2000]) {
      await vi.advanceTimersByTimeAsync(step - 1);
      calls.push(attempt.mock.calls.length);
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(calls).toEqual([1, 2, 3]);
    expect(attempt).toHaveBeenCalledTimes(4);
    expect((done.error as ApiError).status).toBe(503);
  });

  it("honours Retry-After in seconds, as an HTTP date, and retry-after-ms", async () => {
    vi.setSystemTime(Date.parse("2026-03-01T12:00:00Z"));
    // Asked for by the second answer, 3 s in: 4 s from then.
    const date = new Date(Date.now() + 7000).toUTCString();
    const attempt = vi
      .fn()
      .mockRejectedValueOnce(status(429, { "retry-after": "3" }))
      .mockRejectedValueOnce(status(503, { "retry-after": date }))
      .mockRejectedValueOnce(status(429, { "retry-after-ms": "1500", "retry-after": "30" }))
      .mockResolvedValueOnce("ok");
    const done = outcome(withRetries(attempt, options({ maxRetries: 3 })));
    await vi.advanceTimersByTimeAsync(2999);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempt).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3999);
    expect(attempt).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempt).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1500);
    expect(done.value).toBe("ok");
  });

  it("raises the server's error at once when its Retry-After would run past the deadline", async () => {
    const attempt = vi.fn().mockRejectedValue(status(429, { "retry-after": "30" }));
    const started = Date.now();
    await expect(withRetries(attempt, options({ deadline: Date.now() + 10_000 }))).rejects.toMatchObject({
      status: 429,
    });
    expect(Date.now()).toBe(started);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it("ends a backoff wait the moment the caller aborts, and tries nothing after", async () => {
    const controller = new AbortController();
    const attempt = vi.fn().mockRejectedValue(status(503));
    const done = outcome(withRetries(attempt, options({ signal: controller.signal })));
    await vi.advanceTimersByTimeAsync(100);
    controller.abort(new AbortError("bye"));
    await vi.advanceTimersByTimeAsync(0);
    expect(done.error).toEqual(new AbortError("bye"));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it("makes no attempt for a signal that has already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new AbortError("before"));
    const attempt = vi.fn();
    await expect(withRetries(attempt, options({ signal: controller.signal }))).rejects.toThrow("before");
    expect(attempt).not.toHaveBeenCalled();
  });
});
