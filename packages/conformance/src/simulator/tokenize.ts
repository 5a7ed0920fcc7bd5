/** The longest run of code points one simulated token holds; longer words become several tokens. */
const MAX_TOKEN_CODE_POINTS = 6;

/**
 * Splits text into the simulator's tokens: each word with the whitespace before it, long words cut into
 * pieces of at most six code points (never inside a surrogate pair). Joining the tokens gives the text
 * back exactly, and their count is what `usage` reports, so `max_tokens` and usage always agree.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  // Words found by `\S+` alone and the spaces sliced between them: a pattern like `\s+$` would rescan a long run
  // of spaces from each of its positions.
  let end = 0;
  for (const { 0: word, index } of text.matchAll(/\S+/gu)) {
    const space = text.slice(end, index);
    end = index + word.length;
    const points = Array.from(word);
    for (let i = 0; i < points.length; i += MAX_TOKEN_CODE_POINTS) {
      const piece = points.slice(i, i + MAX_TOKEN_CODE_POINTS).join("");
      tokens.push(i === 0 ? space + piece : piece);
    }
  }
  const trailing = text.slice(end);
  if (trailing) {
    if (tokens.length === 0) tokens.push(trailing);
    else tokens[tokens.length - 1] += trailing;
  }
  return tokens;
}

/** How many simulated tokens `text` holds. */
export function countTokens(text: string): number {
  return tokenize(text).length;
}
