/** A JSON text read piece by piece, showing at each step what `parsePartialJson` shows for the text so far. */
export interface PartialJsonParser {
  /**
   * Reads the next piece of the text; says whether `value` changed (whitespace, a key still arriving or a number
   * that may grow change nothing; a key given again restarts its value, which counts even if it looks the same).
   * Once the text cannot be JSON, `value` is `undefined` and this says false.
   */
  push(delta: string): boolean;
  /**
   * `parsePartialJson` of all the text pushed so far. The same object until something changes; then only the
   * objects and arrays still open are new, and the ones already complete are shared. Read-only.
   */
  readonly value: unknown;
}

/** An object or an array: arrays are indexed by number keys all the same. */
type Container = Record<PropertyKey, unknown>;

/** An object or array still open (or the bottom of the stack, whose slot 0 holds the whole value). */
interface Open {
  /** Its contents so far, completed values shared; never handed out while open. */
  items: Container;
  /** Where the value being read goes: the next index, or the key just read. */
  slot: PropertyKey;
  /** The copy of `items` the last `value` read handed out. */
  shown?: Container;
}

const SPACE = " \t\n\r";
const WORDS: Record<string, string> = { t: "true", f: "false", n: "null" };

/** What the parser reads next. The first six skip whitespace. */
enum Mode {
  Value,
  FirstItem, // a value or `]`
  Key,
  FirstKey, // a key or `}`
  Colon,
  After, // `,` or the closing bracket after a value; only whitespace after the whole value
  String,
  Escape, // after a backslash, up to the end of the escape
  Number,
  Word,
  Failed,
}

/**
 * The incremental form of `parsePartialJson`, with the same rules: each character is read once, however the text
 * is cut, so a reply of n characters costs O(n) plus the copies `value` makes of the objects still open.
 */
export function createPartialJsonParser(): PartialJsonParser {
  const stack: Open[] = [{ items: {}, slot: 0 }];
  let mode = Mode.Value;
  let text = ""; // the string, number or word being read
  let pending = ""; // the escape being read (after its backslash), or the word `text` must become
  let isKey = false;
  let version = 0; // counts the changes `value` can show
  let shownVersion = 0;
  let shown: unknown;

  const top = () => stack.at(-1)!;
  const fail = () => {
    mode = Mode.Failed;
    version++;
  };
  /** Puts a value where the one being read goes; `quiet` when it looks the same as what is there. */
  const put = (value: unknown, quiet?: boolean) => {
    const { items, slot } = top();
    const had = Object.hasOwn(items, slot);
    if (!quiet && !(had && Object.is(items[slot], value))) version++;
    if (had || Array.isArray(items)) items[slot] = value;
    // Defined, not assigned: a "__proto__" key is data, as JSON.parse makes it.
    else Object.defineProperty(items, slot, { value, enumerable: true, writable: true, configurable: true });
  };
  const complete = (value: unknown, quiet?: boolean) => {
    put(value, quiet);
    mode = Mode.After;
  };
  const close = () => {
    const open = stack.pop()!;
    // Nothing changed since the last `value`: the copy it handed out becomes the final one, so it keeps its identity.
    complete((version === shownVersion && open.shown) || open.items, true);
  };
  const add = (piece: string) => {
    text += piece;
    if (!isKey) put(text);
  };

  /** Reads from `delta[at]` on and returns where it stopped. JSON.parse throws on an invalid escape or number. */
  const step = (delta: string, at: number): number => {
    const c = delta[at]!;
    if (mode < Mode.String && SPACE.includes(c)) return at + 1;
    switch (mode) {
      case Mode.String: {
        // By code: reading a character as a string allocates one for each beyond Latin-1.
        let end = at;
        while (end < delta.length) {
          const code = delta.charCodeAt(end);
          if (code === 34 || code === 92) break; // `"` or `\`
          end++;
        }
        if (end > at) {
          add(delta.slice(at, end));
          return end;
        }
        pending = "";
        if (c === "\\") mode = Mode.Escape;
        else if (isKey) {
          top().slot = text;
          mode = Mode.Colon;
        } else complete(text);
        break;
      }
      case Mode.Escape:
        pending += c;
        // A half escape shows nothing; `\u` takes four hex digits, checked once all four are in.
        if (pending[0] === "u" && pending.length < 5) break;
        mode = Mode.String;
        add(JSON.parse(`"\\${pending}"`));
        break;
      case Mode.Number:
        if ((text === "-" ? /\d/ : /[-+.\deE]/).test(c)) {
          text += c;
          break;
        }
        // The number ended before this character, which is read again as what follows it.
        complete(JSON.parse(text));
        return at;
      case Mode.Word:
        text += c;
        if (!pending.startsWith(text)) fail();
        else if (text === pending) complete(JSON.parse(text));
        break;
      case Mode.Colon:
        if (c === ":") mode = Mode.Value;
        else fail();
        break;
      case Mode.After: {
        const { items } = top();
        if (stack.length < 2) fail();
        else if (c === (Array.isArray(items) ? "]" : "}")) close();
        else if (c !== ",") fail();
        else if (Array.isArray(items)) {
          top().slot = items.length;
          mode = Mode.Value;
        } else mode = Mode.Key;
        break;
      }
      case Mode.Key:
      case Mode.FirstKey:
        if (mode === Mode.FirstKey && c === "}") close();
        else if (c === '"') {
          text = "";
          isKey = true;
          mode = Mode.String;
        } else fail();
        break;
      default: // Mode.Value, Mode.FirstItem
        text = c; // a number's or a word's first character
        if (mode === Mode.FirstItem && c === "]") close();
        else if (c === '"') {
          text = "";
          isKey = false;
          mode = Mode.String;
          put(text);
        } else if (c === "[" || c === "{") {
          const items = (c === "[" ? [] : {}) as Container;
          put(items);
          stack.push({ items, slot: 0 });
          mode = c === "[" ? Mode.FirstItem : Mode.FirstKey;
        } else if (/[-\d]/.test(c)) mode = Mode.Number;
        else if (WORDS[c]) {
          pending = WORDS[c];
          mode = Mode.Word;
        } else fail();
    }
    return at + 1;
  };

  return {
    push(delta) {
      const before = version;
      try {
        for (let at = 0; at < delta.length && mode !== Mode.Failed; ) at = step(delta, at);
      } catch {
        fail();
      }
      return version !== before && mode !== Mode.Failed;
    },
    get value() {
      if (mode === Mode.Failed) return undefined;
      if (shownVersion !== version) {
        shownVersion = version;
        // Every open container shows something new (the change is inside the deepest one): copy them all, the
        // deepest first, each copy holding the next one's.
        let inner: Container | undefined;
        for (let depth = stack.length; depth--; ) {
          const open = stack[depth]!;
          const copy = (Array.isArray(open.items) ? open.items.slice() : { ...open.items }) as Container;
          // An own slot already, so assigning a "__proto__" key sets data, not the prototype.
          if (inner) copy[open.slot] = inner;
          open.shown = inner = copy;
        }
        shown = inner![0];
      }
      return shown;
    },
  };
}
