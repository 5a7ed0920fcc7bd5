/** The longest run of code points one simulated token holds; longer words become several tokens. */
const MAX_TOKEN_CODE_POINTS = 6;
// Sticky, so each is tried at one position only: a global `\s*\S` would retry every position of a long run of
// whitespace and take quadratic time (a 1 MiB prompt of spaces would take hours).
const SPACE = /\s*/uy;
const PIECE = new RegExp(`\\S{1,${MAX_TOKEN_CODE_POINTS}}`, "uy");

/**
 * Splits text into the simulator's tokens: each word with the whitespace before it, long words cut into
 * pieces of at most six code points (never inside a surrogate pair). Joining the tokens gives the text
 * back exactly, and their count is what `usage` reports, so `max_tokens` and usage always agree. Linear in the
 * text's length, whatever it holds.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let start = 0;
  for (let at = 0; ; ) {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    at = SPACE.lastIndex;
    if (at >= text.length) break;
    PIECE.lastIndex = at;
    PIECE.exec(text);
    at = PIECE.lastIndex;
    tokens.push(text.slice(start, at));
    start = at;
  }
  // Whitespace after the last word rides on the last token.
  const trailing = text.slice(start);
  if (trailing !== "") {
    if (tokens.length === 0) tokens.push(trailing);
    else tokens[tokens.length - 1] += trailing;
  }
  return tokens;
}

/** How many simulated tokens `text` holds. */
export function countTokens(text: string): number {
  return tokenize(text).length;
}
