/** The longest run of code points one simulated token holds; longer words become several tokens. */
const MAX_TOKEN_CODE_POINTS = 6;

/**
 * Splits text into the simulator's tokens: each word with the whitespace before it, long words cut into
 * pieces of at most six code points (never inside a surrogate pair). Joining the tokens gives the text
 * back exactly, and their count is what `usage` reports, so `max_tokens` and usage always agree.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(/(\s*)(\S+)/gu)) {
    const [, space = "", word = ""] = match;
    const points = Array.from(word);
    for (let i = 0; i < points.length; i += MAX_TOKEN_CODE_POINTS) {
      const piece = points.slice(i, i + MAX_TOKEN_CODE_POINTS).join("");
      tokens.push(i === 0 ? space + piece : piece);
    }
  }
  const trailing = /\s+$/u.exec(text)?.[0];
  if (trailing !== undefined) {
    if (tokens.length === 0) tokens.push(trailing);
    else tokens[tokens.length - 1] += trailing;
  }
  return tokens;
}

/** How many simulated tokens `text` holds. */
export function countTokens(text: string): number {
  return tokenize(text).length;
}
