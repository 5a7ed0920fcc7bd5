import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { createThrottle } from "./throttle";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

function setup(intervalMs: number) {
  const at: number[] = [];
  const throttle = createThrottle(
    () => {
      at.push(Date.now());
      return true;
    },
    () => intervalMs,
  );
  return { at, throttle };
}

it("publishes a schedule at once after a quiet spell, then waits more than the interval for the next", async () => {
  const { at, throttle } = setup(1000 / 60);
  throttle.schedule();
  expect(at).toEqual([0]);
  throttle.schedule();
  throttle.schedule();
  expect(throttle.pending).toBe(true);
  await vi.advanceTimersByTimeAsync(17);
  expect(at).toEqual([0]); // 17 whole ms of Date.now may be 16.x real ones: not yet
  await vi.advanceTimersByTimeAsync(1);
  expect(at).toEqual([0, 18]);
});

it("never publishes early when its timer fires early", async () => {
  const { at, throttle } = setup(20);
  throttle.flush();
  throttle.flushApart(); // right after a flush: at once
  expect(at).toEqual([0, 0]);
  throttle.schedule();
  // The timer was armed for 21 ms; the clock it reads says less time passed (as Node's loop clock can).
  vi.setSystemTime(-5);
  await vi.advanceTimersByTimeAsync(21);
  expect(at).toHaveLength(2);
  await vi.advanceTimersByTimeAsync(5);
  expect(at).toEqual([0, 0, 21]);
});

it("holds a status flush back until a frame has passed since a scheduled publish, and merges what comes meanwhile", async () => {
  const { at, throttle } = setup(1000 / 60);
  throttle.schedule();
  await vi.advanceTimersByTimeAsync(5);
  throttle.flushApart();
  throttle.schedule();
  expect(at).toEqual([0]);
  await vi.advanceTimersByTimeAsync(13);
  expect(at).toEqual([0, 18]);
  // That publish carried a status change, so the next status change goes at once.
  throttle.flushApart();
  expect(at).toEqual([0, 18, 18]);
  expect(throttle.pending).toBe(false);
});

it("with an interval of 0, publishes every schedule at once", () => {
  const { at, throttle } = setup(0);
  for (let i = 0; i < 5; i++) throttle.schedule();
  expect(at).toHaveLength(5);
});

it("counts the interval from when a render the publish started in a microtask is done", async () => {
  const at: number[] = [];
  const throttle = createThrottle(
    () => {
      at.push(Date.now());
      // A subscriber renders in a microtask, as React does, and it takes 10 ms.
      queueMicrotask(() => vi.setSystemTime(Date.now() + 10));
      return true;
    },
    () => 1000 / 60,
  );
  throttle.schedule();
  await Promise.resolve();
  throttle.schedule();
  await vi.advanceTimersByTimeAsync(40);
  expect(at).toEqual([0, 28]);
});
