import { describe, expect, it } from "vitest";
import { streamMetrics } from "./streamMetrics";
import type { StreamTrace, TracedEvent } from "./streamRecorder";

const event = (at: number, type: string): TracedEvent => ({
  at,
  type,
  tokens: type.endsWith("-delta") ? 1 : 0,
});

describe("streamMetrics", () => {
  it("measures time to first token, the pace after it, and the duration", () => {
    const trace: StreamTrace = {
      respondedAt: 40,
      state: "ended",
      events: [
        event(50, "message-start"),
        event(300, "content-delta"),
        event(350, "content-delta"),
        event(400, "content-delta"),
        event(800, "content-delta"),
        event(810, "message-end"),
      ],
    };
    expect(streamMetrics(trace)).toEqual({
      timeToFirstTokenMs: 300,
      tokensPerSecond: 6, // 3 tokens in the 500 ms after the first
      tokens: 4,
      durationMs: 810,
      points: [
        { at: 300, tokens: 1 },
        { at: 350, tokens: 2 },
        { at: 400, tokens: 3 },
        { at: 800, tokens: 4 },
      ],
    });
  });

  it("prefers the server's token count from usage", () => {
    const trace: StreamTrace = { state: "ended", outputTokens: 9, events: [event(10, "content-delta")] };
    expect(streamMetrics(trace).tokens).toBe(9);
  });

  it("leaves out what cannot be known yet", () => {
    expect(streamMetrics({ state: "waiting", events: [], respondedAt: 20 })).toEqual({
      tokens: 0,
      durationMs: 20,
      points: [],
    });
    const one = streamMetrics({ state: "streaming", events: [event(100, "tool-plan-delta")] });
    expect(one.timeToFirstTokenMs).toBe(100);
    expect(one.tokensPerSecond).toBeUndefined();
  });
});
