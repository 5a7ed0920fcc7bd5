import { act, cleanup } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";

/** Call at the top of a test file: each test runs on fake timers, and what it rendered is unmounted after it. */
export function fakeTimersEachTest(): void {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });
}

/** Advances fake time inside act, so fetch, stream reads, throttle timers and React all run. */
export const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/**
 * Advances time a millisecond per `act()`. React 18 commits once per `act()` scope, so counting renders needs each
 * network read in its own scope, as a browser gives each one its own task.
 */
export const advanceByMs = async (ms: number) => {
  for (let i = 0; i < ms; i++) await advance(1);
};
