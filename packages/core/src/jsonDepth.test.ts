import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./jsonDepth";

describe("nestsDeeperThan", () => {
  it("counts arrays and objects alike, up to the limit and one past it", () => {
    const nested = (depth: number) => `${'{"a":['.repeat(depth / 2)}1${"]}".repeat(depth / 2)}`;
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 2))).toBe(true);
    expect(nestsDeeperThan("[".repeat(100_000))).toBe(true);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    const text = JSON.stringify({ content: `${"[{".repeat(1000)} \\" " ${"[".repeat(1000)}` });
    expect(nestsDeeperThan(text, 1)).toBe(false);
    expect(nestsDeeperThan(`[${text}]`, 2)).toBe(false);
    expect(nestsDeeperThan(`[[${text}]]`, 2)).toBe(true);
  });

  it("measures depth, not the number of brackets", () => {
    expect(nestsDeeperThan(JSON.stringify(Array.from({ length: 10_000 }, () => [[1]])), 3)).toBe(false);
  });
});
