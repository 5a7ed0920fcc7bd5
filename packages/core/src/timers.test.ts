import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError, TimeoutError } from "./errors";
import { outcome } from "./test/outcome";
import { startTimeout, wait } from "./timers";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});
describe("wait", () => {
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
});

describe("startTimeout", () => {
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
