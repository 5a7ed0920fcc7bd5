import { formatPath, isPlainObject, type PathSegment } from "../json";
import type { ValueDiff } from "./types";

/**
 * Where `received` differs from `expected` (key order ignored), depth first, at most `limit` places. A key
 * in `ignore` is skipped wherever it appears at the top level.
 */
export function valueDiff(
  expected: unknown,
  received: unknown,
  options: { ignore?: readonly string[]; limit?: number } = {},
): ValueDiff[] {
  const out: ValueDiff[] = [];
  const limit = options.limit ?? 10;
  const walk = (x: unknown, y: unknown, path: PathSegment[]): void => {
    if (out.length >= limit) return;
    if (path.length === 1 && options.ignore?.includes(String(path[0]))) return;
    if (Array.isArray(x) && Array.isArray(y)) {
      for (let i = 0; i < Math.max(x.length, y.length); i++) walk(x[i], y[i], [...path, i]);
      return;
    }
    if (isPlainObject(x) && isPlainObject(y)) {
      for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[key], y[key], [...path, key]);
      return;
    }
    if (!Object.is(x, y)) out.push({ path: jsonPath(path), expected: x, received: y });
  };
  walk(expected, received, []);
  return out;
}

/** `["message", "content", 0]` -> `$.message.content[0]`. */
export function jsonPath(path: readonly PathSegment[]): string {
  const formatted = formatPath(path);
  if (formatted === "$") return "$";
  return formatted.startsWith("[") ? `$${formatted}` : `$.${formatted}`;
}
