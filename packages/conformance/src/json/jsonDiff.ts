import { formatPath, isPlainObject, type PathPattern, type PathSegment } from "./json";

/** One place where two JSON values differ. */
export interface JsonDifference {
  path: PathSegment[];
  expected: unknown;
  received: unknown;
}

/**
 * Where `received` differs from `expected` (key order ignored), depth first with keys sorted, at most `limit`
 * places. A path in `ignore` (see `compilePathPattern`) is skipped together with everything below it. The one
 * JSON diff of the package: replay matching, the suite's agreement and client checks all use it.
 */
export function jsonDiff(
  expected: unknown,
  received: unknown,
  options: { ignore?: readonly PathPattern[]; limit?: number } = {},
): JsonDifference[] {
  const out: JsonDifference[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const ignore = options.ignore ?? [];
  const walk = (x: unknown, y: unknown, path: PathSegment[]): void => {
    if (out.length >= limit) return;
    if (ignore.some((pattern) => pattern.matches(path))) return;
    if (Array.isArray(x) && Array.isArray(y)) {
      const length = Math.max(x.length, y.length);
      for (let i = 0; i < length; i++) walk(x[i], y[i], [...path, i]);
      return;
    }
    if (isPlainObject(x) && isPlainObject(y)) {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const key of [...keys].sort()) walk(x[key], y[key], [...path, key]);
      return;
    }
    if (!Object.is(x, y)) out.push({ path, expected: x, received: y });
  };
  walk(expected, received, []);
  return out;
}

/** `["message", "content", 0]` -> `$.message.content[0]`: a path as reports show it. */
export function jsonPath(path: readonly PathSegment[]): string {
  const formatted = formatPath(path);
  if (formatted === "$") return "$";
  return formatted.startsWith("[") ? `$${formatted}` : `$.${formatted}`;
}
