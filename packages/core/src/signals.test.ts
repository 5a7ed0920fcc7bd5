import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError, TimeoutError } from "./errors";
import { abortable, linkSignal } from "./signals";
import { outcome } from "./test/outcome";
import { wait } from "./timers";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});
describe("abortable", () => {
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

describe("linkSignal", () => {
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
});
