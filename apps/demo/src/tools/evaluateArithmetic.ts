/**
 * Evaluates an arithmetic expression without `eval`: numbers, + - * / % ^ (right-associative),
 * parentheses, unary minus, the constants `pi` and `e`, and `sqrt`, `abs`, `round`, `floor`, `ceil`.
 * `×`, `÷` and `**` are read as `*`, `/` and `^`, since models write them. Throws a `SyntaxError` that
 * names the position of anything it cannot read.
 */
export function evaluateArithmetic(expression: string): number {
  const tokens = tokenize(expression.replaceAll("×", "*").replaceAll("÷", "/").replaceAll("**", "^"));
  let position = 0;

  const peek = () => tokens[position];
  const fail = (what: string): never => {
    const token = peek();
    throw new SyntaxError(`${what} at ${token ? `"${token.text}" (position ${token.at + 1})` : "the end"}`);
  };
  const take = (text: string) => {
    if (peek()?.text !== text) fail(`expected "${text}"`);
    position++;
  };

  // expression := term (("+" | "-") term)*
  const parseExpression = (): number => {
    let value = parseTerm();
    for (let op = peek()?.text; op === "+" || op === "-"; op = peek()?.text) {
      position++;
      value = op === "+" ? value + parseTerm() : value - parseTerm();
    }
    return value;
  };
  // term := power (("*" | "/" | "%") power)*
  const parseTerm = (): number => {
    let value = parsePower();
    for (let op = peek()?.text; op === "*" || op === "/" || op === "%"; op = peek()?.text) {
      position++;
      const right = parsePower();
      value = op === "*" ? value * right : op === "/" ? value / right : value % right;
    }
    return value;
  };
  // power := unary ("^" power)?
  const parsePower = (): number => {
    const base = parseUnary();
    if (peek()?.text !== "^") return base;
    position++;
    return base ** parsePower();
  };
  // unary := ("-" | "+") unary | primary
  const parseUnary = (): number => {
    const op = peek()?.text;
    if (op === "-" || op === "+") {
      position++;
      return op === "-" ? -parseUnary() : parseUnary();
    }
    return parsePrimary();
  };
  const parsePrimary = (): number => {
    const token = peek();
    if (!token) return fail("expected a number");
    if (token.kind === "number") {
      position++;
      return token.value;
    }
    if (token.text === "(") {
      position++;
      const value = parseExpression();
      take(")");
      return value;
    }
    if (token.kind === "name") {
      position++;
      const constant = CONSTANTS[token.text];
      if (constant !== undefined) return constant;
      const fn = FUNCTIONS[token.text];
      if (!fn) {
        position--;
        return fail("unknown name");
      }
      take("(");
      const argument = parseExpression();
      take(")");
      return fn(argument);
    }
    return fail("expected a number");
  };

  const value = parseExpression();
  if (position < tokens.length) fail("unexpected");
  return value;
}

const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };
const FUNCTIONS: Record<string, (x: number) => number> = {
  sqrt: Math.sqrt,
  abs: Math.abs,
  round: Math.round,
  floor: Math.floor,
  ceil: Math.ceil,
};

type Token = { at: number; text: string } & ({ kind: "number"; value: number } | { kind: "name" | "symbol" });

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d*)?|\.\d+)|([a-z]+)|([-+*/%^()]))/giy;
  let at = 0;
  while (at < source.length) {
    const match = pattern.exec(source);
    if (!match) break;
    const text = match[0].trim();
    const start = match.index + match[0].length - text.length;
    if (match[1]) tokens.push({ kind: "number", value: Number(match[1]), text, at: start });
    else if (match[2]) tokens.push({ kind: "name", text: text.toLowerCase(), at: start });
    else tokens.push({ kind: "symbol", text, at: start });
    at = pattern.lastIndex;
  }
  const rest = source.slice(at);
  if (rest.trim()) {
    const offset = at + rest.length - rest.trimStart().length;
    throw new SyntaxError(`unexpected "${source[offset]}" (position ${offset + 1})`);
  }
  return tokens;
}
