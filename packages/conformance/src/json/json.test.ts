import { describe, expect, it } from "vitest";
import { compilePathPattern, formatPath } from "./json";
import { jsonDiff, jsonPath } from "./jsonDiff";

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
  const paths = (a: unknown, b: unknown, options?: Parameters<typeof jsonDiff>[2]) =>
    jsonDiff(a, b, options).map((d) => formatPath(d.path));

  it("ignores key order and lists differing paths, sorted, depth first, with both values", () => {
    expect(jsonDiff({ b: 1, a: [1, 2] }, { a: [1, 2], b: 1 })).toEqual([]);
    expect(paths({ a: [1, 2], z: { y: 1 } }, { a: [1], z: { y: 2, x: 0 } })).toEqual(["a[1]", "z.x", "z.y"]);
    expect(jsonDiff({ a: 1 }, { a: "1" })).toEqual([{ path: ["a"], expected: 1, received: "1" }]);
    expect(paths(1, 2)).toEqual(["$"]);
  });

  it("skips ignored paths and everything below them, and stops at the limit", () => {
    const ignore = [compilePathPattern("messages[*].content"), compilePathPattern("$.temperature")];
    const a = { messages: [{ role: "user", content: "a" }], temperature: 1, k: 1 };
    const b = { messages: [{ role: "user", content: { long: "b" } }], temperature: 2, k: 2 };
    expect(paths(a, b, { ignore })).toEqual(["k"]);
    expect(paths({ a: 1, b: 1, c: 1 }, {}, { limit: 2 })).toEqual(["a", "b"]);
  });

  it("writes paths for reports from the root", () => {
    expect(jsonPath(["message", "content", 0])).toBe("$.message.content[0]");
    expect(jsonPath([0, "a"])).toBe("$[0].a");
    expect(jsonPath([])).toBe("$");
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
