import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { citedSegments } from "./citedSegments";
import { RECORDINGS_DIR } from "./test/recordings";
import type { ChatResponse, Citation } from "./types";

describe("citedSegments", () => {
  it("splits a real reply at its citations, each span carrying its citation", () => {
    const recorded = JSON.parse(readFileSync(join(RECORDINGS_DIR, "chat-citations-typed.json"), "utf8"));
    const reply = JSON.parse(recorded.body) as ChatResponse;
    const text = reply.message.content![0]!.text!;
    const citations = reply.message.citations!;
    const segments = citedSegments(text, citations);
    expect(segments.map((segment) => segment.text).join("")).toBe(text);
    expect(segments.filter((segment) => segment.citations.length > 0).map((segment) => segment.text)).toEqual(
      ["Automation of tasks", "Better decision-making", "Cost reduction"],
    );
    expect(segments[1]).toEqual({
      text: "Automation of tasks",
      start: 52,
      end: 71,
      citations: [citations[0]],
    });
  });

  it("splits overlapping citations into runs, merging neighbours with the same citations", () => {
    const a: Citation = { start: 0, end: 5 };
    const b: Citation = { start: 3, end: 8 };
    const c: Citation = { start: 8, end: 11, type: "TEXT_CONTENT" };
    expect(citedSegments("abcdefghijkl", [a, b, c]).map((s) => [s.text, s.citations])).toEqual([
      ["abc", [a]],
      ["de", [a, b]],
      ["fgh", [b]],
      ["ijk", [c]],
      ["l", []],
    ]);
  });

  it("ignores thinking and plan citations, other content blocks, and empty spans; clamps to the text", () => {
    const citations: Citation[] = [
      { start: 0, end: 2, type: "THINKING_CONTENT" },
      { start: 0, end: 2, content_index: 0 },
      { start: 4, end: 4 },
      { start: 2, end: 99, content_index: 1 },
    ];
    expect(citedSegments("Hello", citations, 1).map((s) => [s.text, s.citations.length])).toEqual([
      ["He", 0],
      ["llo", 1],
    ]);
    expect(citedSegments("", citations)).toEqual([]);
    expect(citedSegments("plain", undefined)).toEqual([{ text: "plain", start: 0, end: 5, citations: [] }]);
  });

  it("puts a citation without content_index in the first text block when told which block that is", () => {
    const tagged: Citation = { start: 0, end: 3, content_index: 3 };
    const untagged: Citation = { start: 0, end: 2 };
    const citations = [tagged, untagged];
    // Thinking at 0, text at 1 and 3: the untagged citation is the first text block's alone.
    expect(citedSegments("abcd", citations, 1, 1).map((s) => [s.text, s.citations])).toEqual([
      ["ab", [untagged]],
      ["cd", []],
    ]);
    expect(citedSegments("abcd", citations, 3, 1).map((s) => [s.text, s.citations])).toEqual([
      ["abc", [tagged]],
      ["d", []],
    ]);
    // Not told, it counts in every block.
    expect(citedSegments("abcd", citations, 3).map((s) => [s.text, s.citations])).toEqual([
      ["ab", [tagged, untagged]],
      ["c", [tagged]],
      ["d", []],
    ]);
  });

  it("reads offsets that count code points, when the citation's own text says so", () => {
    const text = "🌧️ Rain in Oslo today";
    // Code points: 🌧 and the variation selector count one each, so "Oslo" starts at 11, not 12.
    const citation: Citation = { start: 11, end: 15, text: "Oslo" };
    const cited = citedSegments(text, [citation]).find((segment) => segment.citations.length > 0);
    expect(cited?.text).toBe("Oslo");
  });
});
