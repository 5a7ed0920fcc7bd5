import type { StreamTrace } from "./streamRecorder";

export interface StreamMetrics {
  /** Milliseconds from sending the request to the first generated token. */
  timeToFirstTokenMs?: number;
  /** Tokens per second after the first one: the pace of generation, not counting the wait for it. */
  tokensPerSecond?: number;
  /** Generated tokens: the server's count when it sent usage, else the token-carrying events seen. */
  tokens: number;
  /** Milliseconds from sending the request to the last event. */
  durationMs: number;
  /** Cumulative tokens after each token-carrying event, for the chart. */
  points: Array<{ at: number; tokens: number }>;
}

/** Condenses a stream trace into the numbers people ask about first. */
export function streamMetrics(trace: StreamTrace): StreamMetrics {
  const points: StreamMetrics["points"] = [];
  let count = 0;
  for (const event of trace.events) {
    if (event.tokens === 0) continue;
    count += event.tokens;
    points.push({ at: event.at, tokens: count });
  }
  const first = points[0];
  const last = points.at(-1);
  const span = first && last ? last.at - first.at : 0;
  return {
    ...(first ? { timeToFirstTokenMs: first.at } : {}),
    ...(first && last && span > 0 ? { tokensPerSecond: ((last.tokens - first.tokens) * 1000) / span } : {}),
    tokens: trace.outputTokens ?? count,
    durationMs: trace.events.at(-1)?.at ?? trace.respondedAt ?? 0,
    points,
  };
}
