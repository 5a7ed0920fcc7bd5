import type { Citation } from "@parley/core";
import { describe, expect, it } from "vitest";
import { citationSegments } from "./citationSegments";

const cite = (start: number, end: number, extra: Partial<Citation> = {}): Citation => ({
  start,
  end,
  ...extra,
});

describe("citationSegments", () => {
  it("returns uncited text as one run", () => {
    expect(citationSegments("Hello", [], 0, 0)).toEqual([{ text: "Hello", citations: [] }]);
  });

  it("returns no runs for empty text", () => {
    expect(citationSegments("", [cite(0, 3)], 0, 0)).toEqual([]);
  });

  it("marks the cited span between uncited runs", () => {
    expect(citationSegments("Reviews happen every March.", [cite(15, 26)], 0, 0)).toEqual([
      { text: "Reviews happen ", citations: [] },
      { text: "every March", citations: [0] },
      { text: ".", citations: [] },
    ]);
  });

  it("splits overlapping citations into runs that list every citation covering them", () => {
    expect(citationSegments("abcdef", [cite(0, 4), cite(2, 6)], 0, 0)).toEqual([
      { text: "ab", citations: [0] },
      { text: "cd", citations: [0, 1] },
      { text: "ef", citations: [1] },
    ]);
  });

  it("keeps only citations of this content block, reading a missing content_index as the first text block", () => {
    const citations = [cite(0, 2, { content_index: 1 }), cite(0, 2, { content_index: 0 }), cite(2, 4)];
    expect(citationSegments("abcd", citations, 1, 1)).toEqual([
      { text: "ab", citations: [0] },
      { text: "cd", citations: [2] },
    ]);
  });

  it("ignores citations of thinking or the plan, and empty or reversed spans", () => {
    const citations = [
      cite(0, 2, { type: "THINKING_CONTENT" }),
      cite(0, 2, { type: "PLAN" }),
      cite(3, 3),
      cite(3, 1),
    ];
    expect(citationSegments("abcd", citations, 0, 0)).toEqual([{ text: "abcd", citations: [] }]);
  });

  it("clamps a citation that reaches past the text streamed so far", () => {
    expect(citationSegments("abc", [cite(1, 10)], 0, 0)).toEqual([
      { text: "a", citations: [] },
      { text: "bc", citations: [0] },
    ]);
  });
});
