import { describe, expect, it } from "vitest";
import { compilePathPattern, formatPath, jsonDiff } from "./json";

describe("formatPath", () => {
  it("writes keys with dots, indexes in brackets and odd keys quoted", () => {
    expect(formatPath(["interactions", 2, "response", "headers", "x-a"])).toBe(
      'interactions[2].response.headers["x-a"]',
    );
    expect(formatPath([])).toBe("$");
    expect(formatPath([0, "a"])).toBe("[0].a");
  });
});

describe("jsonDiff", () => {
  it("ignores key order and lists differing paths, sorted, depth first", () => {
    expect(jsonDiff({ b: 1, a: [1, 2] }, { a: [1, 2], b: 1 })).toEqual([]);
    expect(jsonDiff({ a: [1, 2], z: { y: 1 } }, { a: [1], z: { y: 2, x: 0 } })).toEqual([
      "a[1]",
      "z.x",
      "z.y",
    ]);
    expect(jsonDiff({ a: 1 }, { a: "1" }, { prefix: ["body"] })).toEqual(["body.a"]);
    expect(jsonDiff(1, 2)).toEqual(["$"]);
  });

  it("skips ignored paths and everything below them, and stops at the limit", () => {
    const ignore = [compilePathPattern("messages[*].content"), compilePathPattern("$.temperature")];
    const a = { messages: [{ role: "user", content: "a" }], temperature: 1, k: 1 };
    const b = { messages: [{ role: "user", content: { long: "b" } }], temperature: 2, k: 2 };
    expect(jsonDiff(a, b, { ignore })).toEqual(["k"]);
    expect(jsonDiff({ a: 1, b: 1, c: 1 }, {}, { limit: 2 })).toEqual(["a", "b"]);
  });
});

describe("compilePathPattern", () => {
  it.each([
    ["temperature", ["temperature"], true],
    ["temperature", ["temperature", "x"], true],
    ["temperature", ["top"], false],
    ["messages[0].content", ["messages", 0, "content"], true],
    ["messages[0].content", ["messages", 1, "content"], false],
    ["messages[*].content", ["messages", 7, "content"], true],
    ["tools.*.name", ["tools", "x", "name"], true],
    ['headers["x-a"]', ["headers", "x-a"], true],
    ["$.a.b", ["a", "b"], true],
  ] as const)("%s matches %j: %s", (source, path, expected) => {
    expect(compilePathPattern(source).matches(path)).toBe(expected);
  });

  it.each(["", "a.", "a[", "a[x]", "$.", "a]b"])("refuses %j", (source) => {
    expect(() => compilePathPattern(source)).toThrow(`Invalid JSON path ${JSON.stringify(source)}`);
  });
});
