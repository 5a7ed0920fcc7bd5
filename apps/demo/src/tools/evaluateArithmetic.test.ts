import { describe, expect, it } from "vitest";
import { evaluateArithmetic } from "./evaluateArithmetic";

describe("evaluateArithmetic", () => {
  it.each([
    ["17 * 23", 391],
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["2 ^ 3 ^ 2", 512],
    ["-2 ^ 2", 4],
    ["10 % 4", 2],
    ["7 / 2", 3.5],
    [".5 + 1.", 1.5],
    ["sqrt(16) + abs(-3)", 7],
    ["round(pi * 100) / 100", 3.14],
    ["12 × 3 ÷ 4", 9],
    ["2 ** 10", 1024],
    ["  3  ", 3],
  ])("evaluates %s", (expression, expected) => {
    expect(evaluateArithmetic(expression)).toBe(expected);
  });

  it.each([
    ["", "expected a number at the end"],
    ["1 +", "expected a number at the end"],
    ["(1 + 2", 'expected ")" at the end'],
    ["1 2", 'unexpected at "2" (position 3)'],
    ["foo(2)", 'unknown name at "foo" (position 1)'],
    ["2 & 3", 'unexpected "&" (position 3)'],
    ["alert(1)", 'unknown name at "alert" (position 1)'],
    ["alert('x')", 'unexpected "\'" (position 7)'],
  ])("refuses %j, saying where", (expression, message) => {
    expect(() => evaluateArithmetic(expression)).toThrow(new SyntaxError(message));
  });
});
