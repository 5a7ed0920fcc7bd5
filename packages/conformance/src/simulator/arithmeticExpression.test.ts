import { describe, expect, it } from "vitest";
import { findArithmeticExpression } from "./arithmeticExpression";

describe("findArithmeticExpression", () => {
  it.each([
    ["What is (12 + 3) * 4?", "(12 + 3) * 4"],
    ["Use the calculator: 2^10 - 1.", "2^10 - 1"],
    ["What is 17 times 3? Think it through.", "17 * 3"],
    ["What's 15% of 80?", "15 / 100 * 80"],
    ["What is the square root of 16 plus 2?", "sqrt(16) + 2"],
    ["How much is 7 × 6 ÷ 2?", "7 * 6 / 2"],
    ["3 x 4, please", "3 * 4"],
    ["Please compute round(3.7) + abs(-2)", "round(3.7) + abs(-2)"],
    ["(what is 12 + 3)", "12 + 3"],
    ["In 2026 I paid 12 + 3 euros", "12 + 3"],
    ["Is 2 + 2 bigger than 10 / 2 - 1?", "10 / 2 - 1"],
  ])("reads %j as %j", (prompt, expression) => {
    expect(findArithmeticExpression(prompt)).toBe(expression);
  });

  it.each([
    "Write a detailed story, about 150 words.",
    "What happened on 2026-05-01?",
    "Meet me on 12/05/2024.",
    "It is -5 degrees outside.",
    "Round 3.7 to the nearest whole number.",
    "Three times a day, plus a walk.",
  ])("finds no expression in %j", (prompt) => {
    expect(findArithmeticExpression(prompt)).toBeUndefined();
  });

  it("writes only what a calculator reads: numbers, operators, parentheses and its functions", () => {
    const prompts = ["What is (1.5 + 2) ^ 2 mod 3?", "12 divided by 4 minus 1", "sqrt(2) * pi"];
    for (const prompt of prompts) {
      const expression = findArithmeticExpression(prompt);
      expect(expression).toMatch(/^(?:[\d.]+|sqrt|abs|round|floor|ceil|pi|[-+*/^%() ])+$/);
      expect(balanced(expression ?? "")).toBe(true);
    }
  });
});

function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    depth += c === "(" ? 1 : c === ")" ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}
