/** Deeper than any chat request needs (a tool's JSON schema included), shallow enough for every recursive step after. */
export const MAX_JSON_DEPTH = 128;

/**
 * Whether JSON text nests arrays and objects deeper than `max`, found by one linear scan that skips strings, so
 * 100,000 brackets get a clear refusal before `JSON.parse` and never a stack overflow further on (`JSON.stringify`,
 * validation and matching all recurse). Text that is not JSON gets an answer too; parsing then judges it. Servers
 * that read chat requests (`@parley/server`, the conformance kit's) run it on every body.
 */
export function nestsDeeperThan(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > max) return true;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return false;
}
