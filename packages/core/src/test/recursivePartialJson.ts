// The recursive `parsePartialJson` core had until it read text incrementally (commit 12eb970), kept unchanged as
// the oracle the incremental parser is checked against. It re-reads the whole text on every call.

/** Ran out of text where a value (or a key) had not begun or could still change: nothing to show for it. */
const MISSING: unique symbol = Symbol("missing");
const NUMBER_RUN = /-?(?:\d[-+.\deE]*)?/y;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const LITERALS: Record<string, unknown> = { true: true, false: false, null: null };
const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

interface Parsed {
  value: unknown;
  /** The value's text has ended: a partial value stops its parents too. */
  complete: boolean;
}

/**
 * The value a prefix of a JSON text stands for so far, or `undefined` when nothing can be shown yet (or the text
 * is not the beginning of JSON). The rule: what is shown is never invented, only cut short.
 * - An object shows each key whose value has begun; a key still arriving, or a key without its value, is left out.
 * - A string still arriving shows the characters received so far (a half escape is left out).
 * - A number, `true`, `false` and `null` show only once complete: `12` may become `123`, `tr` is no value yet.
 * - An array shows its items as for object values.
 * A complete text gives what `JSON.parse` gives, but for a bare number, which cannot be known to have ended.
 */
export function parsePartialJsonRecursively(text: string): unknown {
  let at = 0;
  const fail = (): never => {
    throw new SyntaxError(`Unexpected character at ${at}`);
  };
  const space = () => {
    while (at < text.length && " \t\n\r".includes(text[at]!)) at++;
  };

  function string(): Parsed {
    at++; // the opening quote
    let value = "";
    for (;;) {
      const end = text.indexOf('"', at);
      const slash = text.indexOf("\\", at);
      if (slash >= 0 && (end < 0 || slash < end)) {
        value += text.slice(at, slash);
        at = slash + 1;
        const kind = text[at];
        if (kind === undefined) return { value, complete: false };
        if (kind === "u") {
          const hex = text.slice(at + 1, at + 5);
          if (hex.length < 4) {
            at = text.length;
            return { value, complete: false };
          }
          if (!/^[\da-fA-F]{4}$/.test(hex)) fail();
          value += String.fromCharCode(Number.parseInt(hex, 16));
          at += 5;
        } else {
          value += ESCAPES[kind] ?? fail();
          at++;
        }
      } else if (end < 0) {
        value += text.slice(at);
        at = text.length;
        return { value, complete: false };
      } else {
        value += text.slice(at, end);
        at = end + 1;
        return { value, complete: true };
      }
    }
  }

  function value(): Parsed | typeof MISSING {
    space();
    const char = text[at];
    if (char === undefined) return MISSING;
    if (char === '"') return string();
    if (char === "{" || char === "[") return container(char === "[");
    NUMBER_RUN.lastIndex = at;
    const run = NUMBER_RUN.exec(text)?.[0];
    if (run) {
      at += run.length;
      // A number that reaches the end of the text may still grow: `12` may be the start of `12.5`.
      if (at >= text.length) return MISSING;
      if (!NUMBER.test(run)) fail();
      return { value: Number(run), complete: true };
    }
    for (const word in LITERALS) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return { value: LITERALS[word], complete: true };
      }
      if (word.startsWith(text.slice(at))) {
        at = text.length;
        return MISSING;
      }
    }
    return fail();
  }

  function container(isArray: boolean): Parsed {
    at++;
    const out: Record<string, unknown> | unknown[] = isArray ? [] : {};
    const partial = { value: out, complete: false };
    space();
    if (text[at] === (isArray ? "]" : "}")) {
      at++;
      return { value: out, complete: true };
    }
    for (;;) {
      let key = "";
      if (!isArray) {
        space();
        if (at >= text.length) return partial;
        if (text[at] !== '"') fail();
        const name = string();
        if (!name.complete) return partial;
        key = name.value as string;
        space();
        if (at >= text.length) return partial;
        if (text[at++] !== ":") fail();
      }
      const item = value();
      if (item === MISSING) return partial;
      if (isArray) (out as unknown[]).push(item.value);
      // Defined, not assigned: a "__proto__" key is data, as JSON.parse makes it.
      else
        Object.defineProperty(out, key, {
          value: item.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      if (!item.complete) return partial;
      space();
      const next = text[at++];
      if (next === undefined) return partial;
      if (next === (isArray ? "]" : "}")) return { value: out, complete: true };
      if (next !== ",") fail();
      if (isArray) {
        space();
        if (text[at] === "]") fail(); // a trailing comma
      }
    }
  }

  try {
    const parsed = value();
    if (parsed === MISSING) return undefined;
    space();
    if (parsed.complete && at < text.length) fail();
    return parsed.value;
  } catch {
    return undefined;
  }
}
