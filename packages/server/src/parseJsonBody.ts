import { MAX_JSON_DEPTH, nestsDeeperThan } from "@parley/core/protocol";

/**
 * Parses a request body, refusing JSON nested deeper than \`MAX_JSON_DEPTH\` before parsing it (core's one linear
 * scan), so 100,000 brackets get a clear answer and never a stack overflow further on (\`JSON.stringify\` recurses).
 */
export function parseJsonBody(text: string): { value: unknown } | { error: string } {
  if (nestsDeeperThan(text)) return { error: `the body nests deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: "the body is not valid JSON" };
  }
}
