import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accumulate, createReplyDraft } from "./accumulate";
import { checkStreamGrammar, createAssemblyGrammar, type GrammarViolation } from "./grammar";
import { decodeEvents } from "./sse";
import { recordedStreams } from "./test/recordings";
import type { StreamEvent } from "./types";

const start: StreamEvent = { type: "message-start", id: "r", delta: { message: { role: "assistant" } } };
const contentStart = (index: number): StreamEvent => ({
  type: "content-start",
  index,
  delta: { message: { content: { type: "text", text: "" } } },
});
const contentDelta = (index: number): StreamEvent => ({
  type: "content-delta",
  index,
  delta: { message: { content: { text: "x" } } },
});
const contentEnd = (index: number): StreamEvent => ({ type: "content-end", index });
const callStart = (index: number): StreamEvent => ({
  type: "tool-call-start",
  index,
  delta: {
    message: { tool_calls: { id: `c${index}`, type: "function", function: { name: "f", arguments: "" } } },
  },
});
const callEnd = (index: number): StreamEvent => ({ type: "tool-call-end", index });
const end = (finish_reason = "COMPLETE"): StreamEvent => ({
  type: "message-end",
  delta: { finish_reason, usage: { tokens: {} } },
});

const rules = (violations: GrammarViolation[]) =>
  violations.map((v) => `${v.rule}@${v.eventIndex}${v.fatal ? "!" : ""}`);

describe("checkStreamGrammar", () => {
  for (const stream of recordedStreams()) {
    it(`accepts the recorded stream ${stream.name}`, () => {
      expect(checkStreamGrammar(decodeEvents([stream.sse]), { done: true })).toEqual([]);
    });
  }

  it("accepts a minimal text stream", () => {
    expect(checkStreamGrammar([start, contentStart(0), contentDelta(0), contentEnd(0), end()])).toEqual([]);
  });

  it("flags a missing message-end as fatal", () => {
    expect(rules(checkStreamGrammar([start, contentStart(0), contentDelta(0)]))).toEqual([
      "message-end-missing@3!",
    ]);
  });

  it("flags a missing [DONE] only when told whether it came", () => {
    const events = [start, end()];
    expect(checkStreamGrammar(events)).toEqual([]);
    expect(rules(checkStreamGrammar(events, { done: false }))).toEqual(["done-missing@2"]);
  });

  it("flags a delta before its start as fatal", () => {
    expect(rules(checkStreamGrammar([start, contentDelta(0), end()]))).toEqual(["content-open@1!"]);
  });

  it("flags events before message-start, and a second message-start", () => {
    expect(rules(checkStreamGrammar([contentStart(0), start, start, end()]))).toEqual([
      "message-start-first@0",
      "message-start-first@2",
    ]);
  });

  it("flags interleaved content blocks and a skipped index", () => {
    expect(rules(checkStreamGrammar([start, contentStart(0), contentStart(1), end()]))[0]).toBe(
      "content-order@2",
    );
    expect(rules(checkStreamGrammar([start, contentStart(1)]))[0]).toBe("content-order@1!");
  });

  it("flags a repeated start index as fatal, since the reducer cannot place it", () => {
    const repeated = [start, contentStart(0), contentEnd(0), contentStart(0)];
    expect(rules(checkStreamGrammar([...repeated, contentEnd(0), end()]))[0]).toBe("content-order@3!");
    expect(rules(checkStreamGrammar([start, callStart(0), callEnd(0), callStart(0)]))[0]).toBe(
      "tool-call-order@3!",
    );
  });

  it("flags a tool call that starts while a content block is open, and interleaved calls", () => {
    expect(rules(checkStreamGrammar([start, contentStart(0), callStart(0)]))[0]).toBe("tool-call-order@2");
    expect(rules(checkStreamGrammar([start, callStart(0), callStart(1), callEnd(1), end()]))[0]).toBe(
      "tool-call-order@2",
    );
  });

  it("accepts a tool call with no argument deltas", () => {
    expect(checkStreamGrammar([start, callStart(0), callEnd(0), end("TOOL_CALL")])).toEqual([]);
  });

  it("flags a tool plan after a tool call", () => {
    const plan: StreamEvent = { type: "tool-plan-delta", delta: { message: { tool_plan: "x" } } };
    expect(rules(checkStreamGrammar([start, callStart(0), callEnd(0), plan, end()]))).toEqual([
      "tool-plan-order@3",
    ]);
  });

  it("flags unpaired and out-of-order citations", () => {
    const citationStart = (index: number): StreamEvent => ({
      type: "citation-start",
      index,
      delta: { message: { citations: { start: 0, end: 1, text: "x" } } },
    });
    expect(rules(checkStreamGrammar([start, { type: "citation-end", index: 0 }, end()]))).toEqual([
      "citation-order@1",
    ]);
    expect(rules(checkStreamGrammar([start, citationStart(1), end()]))[0]).toBe("citation-order@1");
    expect(rules(checkStreamGrammar([start, citationStart(0), end()]))).toEqual(["blocks-closed@2"]);
  });

  it("flags a lower-case or missing finish reason and missing usage, and allows unknown upper-case ones", () => {
    expect(rules(checkStreamGrammar([start, end("complete")]))).toEqual(["finish-reason@1"]);
    expect(checkStreamGrammar([start, end("SOMETHING_NEW")])).toEqual([]);
    expect(
      rules(checkStreamGrammar([start, { type: "message-end", delta: { finish_reason: "COMPLETE" } }])),
    ).toEqual(["usage@1"]);
  });

  it("flags blocks left open at message-end and events after it", () => {
    expect(rules(checkStreamGrammar([start, contentStart(0), end(), contentEnd(0)]))).toEqual([
      "blocks-closed@2",
      "after-message-end@3",
    ]);
  });

  it("lets unknown event types and debug through anywhere inside the message", () => {
    const unknown = { type: "brand-new" } as unknown as StreamEvent;
    expect(
      checkStreamGrammar([start, unknown, { type: "debug" }, contentStart(0), contentEnd(0), end()]),
    ).toEqual([]);
  });

  it("flags malformed indexed events as fatal shape errors", () => {
    const noIndex = {
      type: "content-delta",
      delta: { message: { content: { text: "x" } } },
    } as unknown as StreamEvent;
    expect(rules(checkStreamGrammar([start, noIndex, end()]))).toEqual(["event-shape@1!"]);
  });
});

describe("createAssemblyGrammar", () => {
  const event = fc.oneof(
    fc.constant(start),
    fc.nat(2).map(contentStart),
    fc.nat(2).map(contentDelta),
    fc.nat(2).map(contentEnd),
    fc.nat(2).map(callStart),
    fc.nat(2).map(callEnd),
    fc.nat(2).map(
      (index): StreamEvent => ({
        type: "tool-call-delta",
        index,
        delta: { message: { tool_calls: { function: { arguments: "1" } } } },
      }),
    ),
    fc.constant(end()),
    fc.constant({ type: "content-delta", index: "0" } as unknown as StreamEvent),
    fc.constant({
      type: "content-start",
      index: 0,
      delta: { message: { content: {} } },
    } as unknown as StreamEvent),
  );

  it("is fatal exactly where the full grammar is fatal, on any event sequence", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        const fatalRules = (found: GrammarViolation[]) => found.filter((v) => v.fatal);
        const assembly = createAssemblyGrammar();
        const found = events.map((e) => assembly.feed(e)).filter((v) => v !== undefined);
        const atEnd = assembly.end();
        if (atEnd) found.push(atEnd);
        expect(found.every((v) => v.fatal)).toBe(true);
        expect(found).toEqual(fatalRules(checkStreamGrammar(events)));
      }),
      { numRuns: 3000 },
    );
  });

  it("accepts every event the reducer places and flags every one it cannot", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        const assembly = createAssemblyGrammar();
        let draft = createReplyDraft();
        for (const e of events) {
          const fatal = assembly.feed(e);
          const next = accumulate(draft, e);
          const delta = e.type === "content-delta" || e.type === "tool-call-delta";
          const start = e.type === "content-start" || e.type === "tool-call-start";
          // A start or delta the reducer ignored is one the grammar refused, and the other way round.
          if (start || delta) expect(next === draft).toBe(fatal !== undefined);
          if (fatal) return; // a client stops at the first fatal event
          draft = next;
        }
      }),
      { numRuns: 3000 },
    );
  });
});
