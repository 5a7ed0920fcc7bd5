import { describe, expect, it } from "vitest";
import { anySignal } from "./anySignal";

describe("anySignal", () => {
  it("aborts with the reason of the first signal that aborts", () => {
    const a = new AbortController();
    const b = new AbortController();
    const signal = anySignal([a.signal, b.signal]);
    expect(signal.aborted).toBe(false);
    b.abort("b went first");
    a.abort("a too");
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe("b went first");
  });

  it("is aborted at once when a signal already is", () => {
    const signal = anySignal([new AbortController().signal, AbortSignal.abort("done")]);
    expect(signal.reason).toBe("done");
  });
});
