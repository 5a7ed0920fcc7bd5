import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePartialJson } from "./partialJson";
import { createPartialJsonParser } from "./partialJsonParser";
import { parsePartialJsonRecursively } from "./test/recursivePartialJson";

/** mulberry32: the same cuts and encodings on every run. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "/": "\\/",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/**
 * `value` as JSON text, with whitespace between tokens and strings escaped in every way JSON allows (short escapes,
 * `\uXXXX` in either case, astral characters as surrogate pairs), as `random` picks. `renameKeys` prefixes every key
 * so none looks like an array index (their order in an object is then the order they arrived in).
 */
function encode(value: unknown, random: () => number, renameKeys = false): string {
  const space = () =>
    random() < 0.3 ? " \t\n\r"[Math.floor(random() * 4)]!.repeat(1 + (random() < 0.3 ? 1 : 0)) : "";
  const string = (text: string) => {
    let out = '"';
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      const code = char.charCodeAt(0);
      const hex = `\\u${code.toString(16).padStart(4, "0")}`;
      const short = SHORT_ESCAPES[char];
      if (random() < 0.15 || (code < 0x20 && !short))
        out += random() < 0.5 ? hex : hex.toUpperCase().replace("\\U", "\\u");
      else if (short && (char !== "/" || random() < 0.5)) out += short;
      else out += char;
    }
    return `${out}"`;
  };
  const write = (item: unknown): string => {
    if (typeof item === "string") return string(item);
    if (typeof item === "number")
      return random() < 0.5 ? JSON.stringify(item).toUpperCase() : JSON.stringify(item);
    if (Array.isArray(item))
      return `[${space()}${item.map((entry) => write(entry) + space()).join(`,${space()}`)}]`;
    if (item !== null && typeof item === "object") {
      const entries = Object.entries(item).map(
        ([key, entry]) =>
          `${string(renameKeys ? `k${key}` : key)}${space()}:${space()}${write(entry)}${space()}`,
      );
      return `{${space()}${entries.join(`,${space()}`)}}`;
    }
    return JSON.stringify(item);
  };
  return space() + write(value) + space();
}

/** Where to cut `text`: after every character, or into pieces of 1 to `longest` characters. */
function cuts(text: string, random?: () => number, longest = 8): number[] {
  const ends: number[] = [];
  for (let end = 0; end < text.length; ) {
    end += random ? 1 + Math.floor(random() * longest) : 1;
    ends.push(Math.min(end, text.length));
  }
  return ends;
}

const isContainer = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/**
 * Every child but the last of each container on `before`'s path of last children was complete in `before`, so
 * `after` must hold the very same one: only the path to the value still growing is new.
 */
function expectCompletedShared(before: unknown, after: unknown, where: string): void {
  while (isContainer(before) && isContainer(after)) {
    const keys = Object.keys(before);
    // An object lists index-like keys first, not in the order they arrived: its last key may not be the newest.
    if (!Array.isArray(before) && keys.some((key) => /^(?:0|[1-9]\d*)$/.test(key))) return;
    for (const key of keys.slice(0, -1)) expect(after[key], `${where}: ${key}`).toBe(before[key]);
    const last = keys.at(-1);
    if (last === undefined) return;
    before = before[last];
    after = after[last];
  }
}

/**
 * Pushes `text` cut at `ends` and checks, after each push, the value against the old recursive parser on the text
 * so far (and the one-shot `parsePartialJson`), and what `push` said against what `chatObjectStream` used to
 * decide (JSON.stringify of the last value shown). Then, that no value handed out changed afterwards.
 */
function expectLikeEachPrefix(text: string, ends: number[], { duplicateKeys = false } = {}): void {
  const parser = createPartialJsonParser();
  const handedOut: Array<[unknown, string | undefined]> = [];
  let from = 0;
  let before: unknown;
  let lastShown: string | undefined;
  for (const end of ends) {
    const prefix = text.slice(0, end);
    const where = JSON.stringify(prefix);
    const changed = parser.push(text.slice(from, end));
    from = end;
    const value = parser.value;
    const expected = parsePartialJsonRecursively(prefix);
    expect(value, where).toStrictEqual(expected);
    expect(parsePartialJson(prefix), where).toStrictEqual(expected);
    const shown = expected === undefined ? lastShown : JSON.stringify(expected);
    // A key given twice may restart its value with an equal one, which counts as a change.
    if (!duplicateKeys) {
      expect(changed, where).toBe(expected !== undefined && shown !== lastShown);
      if (changed) expectCompletedShared(before, value, where);
    }
    if (!changed && expected !== undefined) expect(value, where).toBe(before);
    lastShown = shown;
    before = value;
    handedOut.push([value, JSON.stringify(value)]);
  }
  for (const [value, json] of handedOut) expect(JSON.stringify(value)).toBe(json);
}

const DOCUMENTS = [
  '{"title": "Rain", "tags": ["wet", "grey"], "score": 12, "ok": true}',
  ' { "a" : [ 1 , -2.5e+3 , 0 , 1E-2 , -0 , 10.25E2 , true , false , null ] , "b" : { } , "c" : [ ] ,\n\t"d" : [ { } , [ [ ] ] ] }\r\n',
  '{"esc": "q\\"b\\\\s\\/f\\b\\f\\n\\r\\t!", "u": "\\u00e9\\u4E2D\\ud83d\\ude00 and \\uD83C\\uDDEB\\uD83C\\uDDF7", "lone": "\\ud83d"}',
  '[\n  {\n    "id": 1,\n    "nested": {"deep": [[["x"]]], "n": -0.5e-7}\n  },\n  "tail", 123456789012345678901234567890\n]',
  '{"raw": "😀 é 中 \t tab and\nnewline", "": "empty key", "1": "index-like", "__proto__": {"polluted": true}}',
  '"a bare string with \\u0041n escape"',
  "-12.5e-3 ",
  "0",
  "true",
  " null ",
  "[]",
  "{}",
];

const INVALID = [
  "Sure! Here is",
  '{"a": 1}}',
  '{"a": 1} x',
  "[1,]",
  "[1 , ]",
  '{"a":1,}',
  "{,}",
  "[,1]",
  '{"a" 1}',
  "{a: 1}",
  '{"a": tru3}',
  '{"a": nulll}',
  "[truefalse]",
  '{"s": "\\x"}',
  '{"s": "\\u12G4 more"}',
  "[01, 2]",
  "[1.]",
  "[-]",
  "[-e5, 1]",
  "[-.5, 1]",
  "[--1, 1]",
  "[1e5e5]",
  "[1-2]",
  "[12x]",
  "[1 2]",
  '["a" "b"]',
  '{"a": 1 "b": 2}',
  "]",
  "7 8",
];

describe("createPartialJsonParser", () => {
  it("gives after each character what parsePartialJson gives for the text so far", () => {
    for (const text of [...DOCUMENTS, ...INVALID]) expectLikeEachPrefix(text, cuts(text));
  });

  it("gives the same however the text is cut into pieces", () => {
    const random = createRandom(7);
    for (const text of [...DOCUMENTS, ...INVALID]) {
      for (let round = 0; round < 30; round++) expectLikeEachPrefix(text, cuts(text, random));
    }
  });

  it("shows the last value given for a key given twice, as JSON.parse does", () => {
    const text = '{"dup": "first", "other": 1, "dup": {"again": [1]}, "dup": 2, "dup": ""}';
    expectLikeEachPrefix(text, cuts(text), { duplicateKeys: true });
    const random = createRandom(3);
    for (let round = 0; round < 20; round++)
      expectLikeEachPrefix(text, cuts(text, random), { duplicateKeys: true });
    const parser = createPartialJsonParser();
    parser.push(text);
    expect(parser.value).toEqual(JSON.parse(text));
  });

  it("gives what parsePartialJson gives for every prefix of any JSON, with any whitespace and escapes", () => {
    const json = fc.jsonValue({ maxDepth: 4, stringUnit: "binary" });
    fc.assert(
      fc.property(json, fc.integer(), fc.boolean(), (value, seed, renameKeys) => {
        const random = createRandom(seed);
        const text = encode(value, random, renameKeys);
        expectLikeEachPrefix(text, cuts(text));
        for (let round = 0; round < 3; round++) expectLikeEachPrefix(text, cuts(text, random, 1 + round * 6));
        // A character slipped in anywhere: the same value, or the same failure, at every step.
        const at = Math.floor(random() * (text.length + 1));
        const broken = text.slice(0, at) + '{}[],:"\\ 0-.eEtx'[Math.floor(random() * 17)] + text.slice(at);
        expectLikeEachPrefix(broken, cuts(broken, random), { duplicateKeys: true });
      }),
      { numRuns: 100, seed: 20261201 },
    );
  });

  it("keeps each completed object and array as the same object in every later value", () => {
    type Shape = { user?: { tags?: unknown }; items?: unknown[] } | undefined;
    const text =
      '{"user": {"name": "Ada", "tags": ["a", "b"]}, "items": [[1, 2], {"k": null}, "tail"], "note": "growing text"}';
    const closings: Array<[number, (value: Shape) => unknown]> = [
      [text.indexOf('"b"]') + 4, (value) => value?.user?.tags],
      [text.indexOf('}, "items"') + 1, (value) => value?.user],
      [text.indexOf("2]") + 2, (value) => value?.items?.[0]],
      [text.indexOf("null}") + 5, (value) => value?.items?.[1]],
      [text.indexOf('"tail"]') + 7, (value) => value?.items],
    ];
    const random = createRandom(11);
    for (let round = 0; round < 40; round++) {
      const parser = createPartialJsonParser();
      const firstSeen = new Map<number, unknown>();
      let from = 0;
      let previous: Shape;
      for (const end of cuts(text, random, round % 2 ? 3 : 12)) {
        parser.push(text.slice(from, end));
        from = end;
        const value = parser.value as Shape;
        for (const [closed, at] of closings) {
          if (end < closed) continue;
          if (!firstSeen.has(closed)) {
            // Shown whole before its closing bracket came: the object shown then is the one kept.
            const before = at(previous);
            const whole = JSON.stringify(before) === JSON.stringify(at(value));
            firstSeen.set(closed, whole ? before : at(value));
          }
          expect(at(value), `${closed} after ${end}`).toBe(firstSeen.get(closed));
        }
        previous = value;
      }
      expect(parser.value).toEqual(JSON.parse(text));
    }
  });

  it("hands out the same value until it changes, and a new top object when it does", () => {
    const parser = createPartialJsonParser();
    expect(parser.push('{"a": [1')).toBe(true);
    const first = parser.value;
    expect(parser.value).toBe(first);
    expect(parser.push("2")).toBe(false); // `12` may still grow
    expect(parser.value).toBe(first);
    expect(parser.push(" ")).toBe(true);
    expect(parser.value).not.toBe(first);
    expect(first).toEqual({ a: [] }); // what was handed out stays as it was
    expect(parser.value).toEqual({ a: [12] });
  });

  it("gives undefined for good once the text cannot be JSON", () => {
    const parser = createPartialJsonParser();
    expect(parser.push('{"a": 1')).toBe(true);
    expect(parser.push("}}")).toBe(false);
    expect(parser.value).toBeUndefined();
    expect(parser.push('{"b": 2}')).toBe(false);
    expect(parser.value).toBeUndefined();
  });

  it("reads each character a bounded number of times, so a reply costs work linear in its length", () => {
    /** A delta that counts each character read from it, by index or by `charCodeAt`. */
    const counted = (piece: string, reads: { count: number }) =>
      new Proxy(new String(piece), {
        get(target, key) {
          if (typeof key === "string" && /^\d+$/.test(key)) reads.count++;
          if (key === "charCodeAt")
            return (at: number) => {
              reads.count++;
              return target.charCodeAt(at);
            };
          const property: unknown = Reflect.get(target, key);
          return typeof property === "function" ? property.bind(target) : property;
        },
      }) as unknown as string;
    const record = (i: number) => ({
      id: i,
      title: `Item ${i}, "quoted", with \\ and é`,
      tags: ["a", "b", String(i)],
      score: i * 1.5e-3,
      done: i % 2 === 0,
      nested: { note: null, list: [[i], {}] },
    });
    const perCharacter: number[] = [];
    for (const size of [16, 64, 256, 1024]) {
      const text = JSON.stringify({ items: Array.from({ length: size }, (_, i) => record(i)) }, null, 1);
      const reads = { count: 0 };
      const parser = createPartialJsonParser();
      for (let at = 0; at < text.length; at += 4) parser.push(counted(text.slice(at, at + 4), reads));
      expect(parser.value).toEqual(JSON.parse(text));
      perCharacter.push(reads.count / text.length);
    }
    // Re-reading the text so far on every 4-character piece would read each character length / 8 times on
    // average, a figure that grows with the reply; here it stays under 2 (a number's end is read twice) at every size.
    for (const ratio of perCharacter) {
      expect(ratio).toBeGreaterThanOrEqual(1);
      expect(ratio).toBeLessThan(2);
    }
  });
});
