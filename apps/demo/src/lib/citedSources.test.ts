import type { Citation } from "@parley/core";
import { describe, expect, it } from "vitest";
import { citedSources } from "./citedSources";

const doc = (id: string, title?: string) => ({
  type: "document" as const,
  id,
  document: { id, ...(title ? { title } : {}), snippet: `about ${id}` },
});

describe("citedSources", () => {
  it("numbers sources in order of first use and reuses the number for a repeated source", () => {
    const citations: Citation[] = [
      { start: 0, end: 1, sources: [doc("b", "Bee")] },
      { start: 2, end: 3, sources: [doc("a"), doc("b", "Bee")] },
    ];
    expect(citedSources(citations)).toEqual({
      sources: [
        { number: 1, key: "b", title: "Bee", excerpt: "about b", kind: "document" },
        { number: 2, key: "a", title: "a", excerpt: "about a", kind: "document" },
      ],
      numbersByCitation: [[1], [2, 1]],
    });
  });

  it("summarises a tool result on one line", () => {
    const citations: Citation[] = [
      { sources: [{ type: "tool", id: "clock_1:0", tool_output: { time: "12:00", offset: 2 } }] },
    ];
    expect(citedSources(citations).sources).toEqual([
      {
        number: 1,
        key: "clock_1:0",
        title: "Tool result clock_1:0",
        excerpt: "time: 12:00 · offset: 2",
        kind: "tool",
      },
    ]);
  });

  it("gives a citation without sources no numbers", () => {
    expect(citedSources([{ start: 0, end: 2 }])).toEqual({ sources: [], numbersByCitation: [[]] });
  });
});
