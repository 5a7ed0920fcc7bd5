import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accumulate, createReplyDraft, toChatResponse } from "./accumulate";
import { createReplyBuilder } from "./replyBuilder";
import { delta, end, start, textStart } from "./test/streamEvents";
import type { StreamEvent } from "./types";

describe("createReplyBuilder", () => {
  const fragment = fc.oneof(fc.constant(""), fc.string({ maxLength: 4 }), fc.constant("日本🎉"));
  const event: fc.Arbitrary<StreamEvent> = fc.oneof(
    fc.constant(start),
    fc.nat(2).map((index) => ({ ...textStart, index })),
    fc.nat(2).map(
      (index): StreamEvent => ({
        type: "content-start",
        index,
        delta: { message: { content: { type: "thinking", thinking: "" } } },
      }),
    ),
    fc.tuple(fc.integer({ min: -1, max: 2 }), fragment).map(([index, text]) => delta(text, index)),
    fc.tuple(fc.nat(2), fragment).map(
      ([index, thinking]): StreamEvent => ({
        type: "content-delta",
        index,
        delta: { message: { content: { thinking } } },
      }),
    ),
    fc.nat(2).map((index): StreamEvent => ({ type: "content-end", index })),
    fragment.map(
      (plan): StreamEvent => ({ type: "tool-plan-delta", delta: { message: { tool_plan: plan } } }),
    ),
    fc.constant(end),
  );

  it("gives exactly what accumulate over every event gives, read at any points of any event sequence", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            event,
            fc.nat(4).map((n) => n === 0),
          ),
          { maxLength: 30 },
        ),
        (steps) => {
          const builder = createReplyBuilder();
          let draft = createReplyDraft();
          for (const [e, read] of steps) {
            builder.add(e);
            draft = accumulate(draft, e);
            // Reading flushes the merged deltas, so most steps do not read: runs get merged between reads.
            if (read) expect(toChatResponse(builder.draft())).toEqual(toChatResponse(draft));
          }
          expect(toChatResponse(builder.draft())).toEqual(toChatResponse(draft));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("merges a run of deltas into one reducer step, keeping the blocks before it", () => {
    const builder = createReplyBuilder();
    for (const e of [start, textStart, delta("a"), delta("b"), delta("c")]) builder.add(e);
    expect(builder.draft().message.content).toEqual([{ type: "text", text: "abc" }]);
  });
});
