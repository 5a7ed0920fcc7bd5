/** Deeper than any chat request needs (a tool's JSON schema included), shallow enough for every recursive step after. */
export const MAX_JSON_DEPTH = 128;

/**
 * Parses a request body, refusing JSON nested deeper than {@link MAX_JSON_DEPTH} before parsing it: one linear
 * scan, so 100,000 brackets get a clear answer and never a stack overflow further on (`JSON.stringify` recurses).
 */
export function parseJsonBody(text: string): { value: unknown } | { error: string } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) return { error: `the body nests deeper than ${MAX_JSON_DEPTH} levels` };
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: "the body is not valid JSON" };
  }
}
