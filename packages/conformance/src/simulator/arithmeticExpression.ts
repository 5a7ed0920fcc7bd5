// Words people use for operators, rewritten to symbols first; each pattern is a plain alternation, so the
// rewrite stays linear in the prompt.
const WORD_OPERATORS: Array<[RegExp, string]> = [
  [/[×✕]/g, "*"],
  [/÷/g, "/"],
  [/[−–]/g, "-"],
  [/\*\*/g, "^"],
  [/\bsquare root of\s*(\d+(?:\.\d+)?)/gi, "sqrt($1)"],
  [/\b(?:multiplied by|times)\b/gi, "*"],
  [/(\d)\s*x\s*(?=\d)/gi, "$1 * "],
  [/\bdivided by\b/gi, "/"],
  [/\bplus\b/gi, "+"],
  [/\bminus\b/gi, "-"],
  [/\b(?:modulo|mod)\b/gi, "%"],
  [/\b(?:to the power of|raised to)\b/gi, "^"],
  [/\bsquared\b/gi, "^ 2"],
  [/\bcubed\b/gi, "^ 3"],
  // "\bpercent", not "\s+percent": a long run of spaces must not be rescanned from each of its positions.
  [/(?:%|\bpercent)\s+of\b/gi, " / 100 *"],
];

const TOKEN = /(\s+)|(\d+(?:\.\d+)?)|(sqrt|abs|round|floor|ceil|pi)\b|([-+*/^%()])/iy;
const CALL = /\s*\(/y;
const WORD = /[\p{L}\p{N}_]+|./suy;

interface Run {
  tokens: string[];
  operators: number;
  numbers: number;
}

/**
 * The arithmetic expression a prompt asks about, as a calculator reads it: numbers, `+ - * / % ^`, parentheses,
 * `sqrt`, `abs`, `round`, `floor`, `ceil` and `pi`. Word operators are rewritten ("17 times 3" gives `17 * 3`,
 * "15% of 80" gives `15 / 100 * 80`, "square root of 16" gives `sqrt(16)`); a date such as 2026-05-01 is not an
 * expression. Of several candidates the one with the most operators wins. Linear in the prompt.
 */
export function findArithmeticExpression(prompt: string): string | undefined {
  let text = prompt;
  for (const [pattern, replacement] of WORD_OPERATORS) text = text.replace(pattern, replacement);

  let best: Run | undefined;
  let tokens: string[] = [];
  // Whether the last token ends a value (a number, pi, ")"): two values in a row start a new candidate.
  let afterValue = false;
  const close = () => {
    const run = trimRun(tokens);
    if (run && (!best || run.operators > best.operators)) best = run;
    tokens = [];
    afterValue = false;
  };
  for (let at = 0; at < text.length; ) {
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(text);
    const [, space, number, name, symbol] = match ?? [];
    const isFunction = name !== undefined && name.toLowerCase() !== "pi";
    CALL.lastIndex = TOKEN.lastIndex;
    if (!match || (isFunction && !CALL.test(text))) {
      close();
      // Skip a whole word at once, so letters never restart the scan one by one.
      WORD.lastIndex = at;
      WORD.exec(text);
      at = WORD.lastIndex;
      continue;
    }
    at = TOKEN.lastIndex;
    if (space) {
      tokens.push(" ");
      continue;
    }
    const startsValue = number !== undefined || name !== undefined || symbol === "(";
    if (startsValue && afterValue) close();
    tokens.push(name ? name.toLowerCase() : (number ?? symbol ?? ""));
    afterValue = number !== undefined || name?.toLowerCase() === "pi" || symbol === ")";
  }
  close();
  return best?.tokens.join("").replace(/\s+/g, " ");
}

const LEADING = /^(?: |[+*/^%)])$/;
const TRAILING = /^(?: |[-+*/^%(]|sqrt|abs|round|floor|ceil)$/;

/** Drops what cannot start or end an expression, balances parentheses, and keeps real expressions only. */
function trimRun(all: readonly string[]): Run | undefined {
  let start = 0;
  let end = all.length;
  const trim = () => {
    while (start < end && LEADING.test(all[start] as string)) start++;
    while (end > start && TRAILING.test(all[end - 1] as string)) end--;
  };
  trim();
  // A stray ")" at the end or "(" at the start ("(what is 12 + 3)") is the prose's, not the expression's.
  let balance = parentheses(all, start, end);
  while (balance.unclosed > 0 && all[start] === "(") {
    start++;
    balance.unclosed--;
  }
  while (balance.unopened > 0 && all[end - 1] === ")") {
    end--;
    balance.unopened--;
  }
  trim();
  balance = parentheses(all, start, end);
  if (balance.unclosed > 0 || balance.unopened > 0) return undefined;
  const tokens = all.slice(start, end);
  const text = tokens.join("");
  if (/^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(text)) return undefined; // a date
  let numbers = 0;
  let operators = 0;
  for (const token of tokens) {
    if (/^\d|^pi$/.test(token)) numbers++;
    else if (token !== " " && token !== "(" && token !== ")") operators++;
  }
  // A lone "-5" is a number, not a calculation.
  if (numbers === 0 || operators === 0 || (operators === 1 && numbers === 1 && tokens[0] === "-"))
    return undefined;
  return { tokens, operators, numbers };
}

/** How many "(" are never closed and how many ")" close nothing, between start and end. */
function parentheses(tokens: readonly string[], start: number, end: number) {
  let unclosed = 0;
  let unopened = 0;
  for (let i = start; i < end; i++) {
    if (tokens[i] === "(") unclosed++;
    else if (tokens[i] === ")") {
      if (unclosed > 0) unclosed--;
      else unopened++;
    }
  }
  return { unclosed, unopened };
}
