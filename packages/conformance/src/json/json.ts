/** Any value JSON can hold. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON path as a list of keys and indexes, rendered by {@link formatPath}. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `["interactions", 2, "response", "status"]` -> `interactions[2].response.status`; odd keys are quoted. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || "$";
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A compiled JSON path pattern such as `messages[*].content` or `$.temperature`. */
export interface PathPattern {
  readonly source: string;
  /** Whether `path` is this pattern (or below it). */
  matches(path: readonly PathSegment[]): boolean;
}

const WILDCARD = Symbol("wildcard");

/**
 * Compiles a dotted JSON path: keys joined by `.`, indexes in brackets, `*` (or `[*]`) for any key or index, and
 * an optional leading `$.`. Throws on a malformed path, naming it.
 */
export function compilePathPattern(source: string): PathPattern {
  const segments: Array<PathSegment | typeof WILDCARD> = [];
  const text = source.replace(/^\$\.?/, "");
  const token = /([^.[\]]+)|\[(\d+|\*|"(?:[^"\\]|\\.)*")\]|(\.)/gy;
  let expectKey = true;
  let match: RegExpExecArray | null = token.exec(text);
  while (match) {
    const [, key, bracket, dot] = match;
    if (dot !== undefined) expectKey = true;
    else if (key !== undefined) {
      if (!expectKey) break;
      segments.push(key === "*" ? WILDCARD : key);
      expectKey = false;
    } else if (bracket !== undefined) {
      segments.push(
        bracket === "*" ? WILDCARD : bracket.startsWith('"') ? JSON.parse(bracket) : Number(bracket),
      );
      expectKey = false;
    }
    if (token.lastIndex === text.length) break;
    match = token.exec(text);
  }
  if (text === "" || token.lastIndex !== text.length || expectKey) {
    throw new TypeError(
      `Invalid JSON path ${JSON.stringify(source)}: use keys joined by "." and [n] or [*] for items`,
    );
  }
  return {
    source,
    matches(path) {
      if (path.length < segments.length) return false;
      return segments.every((segment, i) => segment === WILDCARD || segment === path[i]);
    },
  };
}
