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

  it("titles a tool result by the title its tool returned, and summarises the rest on one line", () => {
    const citations: Citation[] = [
      {
        sources: [
          {
            type: "tool",
            id: "get_current_time_2s8qlvimzj3v:0",
            tool_output: { title: "get_current_time: Asia/Tokyo", time: "12:00", offset: 2 },
          },
        ],
      },
    ];
    expect(citedSources(citations).sources).toEqual([
      {
        number: 1,
        key: "get_current_time_2s8qlvimzj3v:0",
        title: "get_current_time: Asia/Tokyo",
        excerpt: "time: 12:00 · offset: 2",
        kind: "tool",
      },
    ]);
  });

  it("titles a tool result without a title by the tool's name from a Cohere call id, never by the raw id", () => {
    const source = (id: string) => ({ type: "tool" as const, id, tool_output: { content: "21 °C" } });
    const { sources } = citedSources([
      {
        sources: [
          source("get_weather_4ms7z1x2q0ab:0"),
          source("call-7"),
          source("get_weather_4ms7z1x2q0ab:1"),
        ],
      },
    ]);
    expect(sources.map((s) => [s.title, s.excerpt])).toEqual([
      ["get_weather result", "content: 21 °C"],
      ["Tool result", "content: 21 °C"],
      ["get_weather result", "content: 21 °C"],
    ]);
  });

  it("gives a citation without sources no numbers", () => {
    expect(citedSources([{ start: 0, end: 2 }])).toEqual({ sources: [], numbersByCitation: [[]] });
  });
});
