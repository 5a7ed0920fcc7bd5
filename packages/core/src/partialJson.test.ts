import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePartialJson } from "./partialJson";

/** Whether `partial` is `whole` cut short: no key, item or value that `whole` does not have. */
function isCutShort(partial: unknown, whole: unknown): boolean {
  if (typeof partial === "string") return typeof whole === "string" && whole.startsWith(partial);
  if (Array.isArray(partial)) {
    return (
      Array.isArray(whole) &&
      partial.length <= whole.length &&
      partial.every((item, i) =>
        i < partial.length - 1
          ? Object.is(JSON.stringify(item), JSON.stringify(whole[i]))
          : isCutShort(item, whole[i]),
      )
    );
  }
  if (typeof partial === "object" && partial !== null) {
    if (typeof whole !== "object" || whole === null || Array.isArray(whole)) return false;
    const keys = Object.keys(partial);
    const wholeKeys = Object.keys(whole);
    return keys.every(
      (key, i) =>
        wholeKeys[i] === key &&
        (i < keys.length - 1
          ? JSON.stringify((partial as Record<string, unknown>)[key]) ===
            JSON.stringify((whole as Record<string, unknown>)[key])
          : isCutShort((partial as Record<string, unknown>)[key], (whole as Record<string, unknown>)[key])),
    );
  }
  return Object.is(partial, whole);
}

const prefixes = (text: string) => Array.from({ length: text.length + 1 }, (_, i) => text.slice(0, i));

describe("parsePartialJson", () => {
  it("shows a growing object as its keys' values begin", () => {
    const text = '{"title": "Rain", "tags": ["wet", "grey"], "score": 12, "ok": true}';
    const seen = new Map<string, unknown>();
    for (const prefix of prefixes(text)) {
      const value = parsePartialJson(prefix);
      if (value !== undefined) seen.set(JSON.stringify(value), value);
    }
    expect([...seen.keys()]).toEqual([
      "{}",
      '{"title":""}',
      '{"title":"R"}',
      '{"title":"Ra"}',
      '{"title":"Rai"}',
      '{"title":"Rain"}',
      '{"title":"Rain","tags":[]}',
      '{"title":"Rain","tags":[""]}',
      '{"title":"Rain","tags":["w"]}',
      '{"title":"Rain","tags":["we"]}',
      '{"title":"Rain","tags":["wet"]}',
      '{"title":"Rain","tags":["wet",""]}',
      '{"title":"Rain","tags":["wet","g"]}',
      '{"title":"Rain","tags":["wet","gr"]}',
      '{"title":"Rain","tags":["wet","gre"]}',
      '{"title":"Rain","tags":["wet","grey"]}',
      // `12` shows only once the comma says it is whole; `true` only once complete.
      '{"title":"Rain","tags":["wet","grey"],"score":12}',
      '{"title":"Rain","tags":["wet","grey"],"score":12,"ok":true}',
    ]);
  });

  it("never shows a key still arriving, a number that may grow, or half a literal or escape", () => {
    expect(parsePartialJson('{"ti')).toEqual({});
    expect(parsePartialJson('{"title"')).toEqual({});
    expect(parsePartialJson('{"title": ')).toEqual({});
    expect(parsePartialJson('{"n": 1')).toEqual({});
    expect(parsePartialJson('{"n": 1.')).toEqual({});
    expect(parsePartialJson('{"n": -')).toEqual({});
    expect(parsePartialJson('{"n": 1e')).toEqual({});
    expect(parsePartialJson('{"n": 1.5 ')).toEqual({ n: 1.5 });
    expect(parsePartialJson('{"b": tr')).toEqual({});
    expect(parsePartialJson('{"b": null')).toEqual({ b: null });
    expect(parsePartialJson('{"s": "a\\')).toEqual({ s: "a" });
    expect(parsePartialJson('{"s": "a\\u00')).toEqual({ s: "a" });
    expect(parsePartialJson('{"s": "a\\u00e9')).toEqual({ s: "aé" });
    expect(parsePartialJson('["x", 4')).toEqual(["x"]);
    expect(parsePartialJson("7")).toBeUndefined(); // a bare number may still grow
  });

  it("gives undefined for text that is not the start of JSON", () => {
    for (const text of [
      "",
      "  ",
      "Sure! Here is",
      "```json",
      '{"a" 1}',
      '{"a": 1}}',
      "[1,]",
      '{"a": tru3}',
      "{a: 1}",
    ]) {
      expect(parsePartialJson(text), text).toBeUndefined();
    }
  });

  it("keeps __proto__ as data, as JSON.parse does", () => {
    const value = parsePartialJson('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__", "a"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("gives what JSON.parse gives for any complete text, and for every prefix only the whole cut short", () => {
    const json = fc.jsonValue().filter((value) => typeof value !== "number");
    fc.assert(
      fc.property(json, fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(parsePartialJson(text)).toEqual(JSON.parse(text));
        for (const prefix of prefixes(text)) {
          const partial = parsePartialJson(prefix);
          if (partial !== undefined && !isCutShort(partial, JSON.parse(text))) {
            throw new Error(
              `${JSON.stringify(prefix)} gave ${JSON.stringify(partial)}, not a cut of ${text}`,
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
