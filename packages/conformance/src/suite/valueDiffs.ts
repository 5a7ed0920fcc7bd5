import { compilePathPattern } from "../json/json";
import { jsonDiff, jsonPath } from "../json/jsonDiff";
import type { ValueDiff } from "./types";

/** The JSON diff as reports show it: `$.`-rooted paths, at most `limit` (10) places; `ignore` takes JSON paths. */
export function valueDiffs(
  expected: unknown,
  received: unknown,
  options: { ignore?: readonly string[]; limit?: number } = {},
): ValueDiff[] {
  return jsonDiff(expected, received, {
    ignore: (options.ignore ?? []).map(compilePathPattern),
    limit: options.limit ?? 10,
  }).map((d) => ({ path: jsonPath(d.path), expected: d.expected, received: d.received }));
}
