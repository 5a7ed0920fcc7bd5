import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError, ApiError, apiErrorFor, ConnectionError, ParleyError } from "./errors";
import { MAX_RETRY_DELAY_MS, retryDelay, withRetries } from "./retry";
import { outcome } from "./test/outcome";

const status = (code: number, headers: Record<string, string> = {}) =>
  apiErrorFor({ status: code, body: "", headers: new Headers(headers) });

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
