import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "./tokenize";

describe("tokenize", () => {
  it("gives each word with the whitespace before it, long words in pieces of six code points", () => {
    expect(tokenize("Hi  there, wonderful 🌍🌍🌍🌍🌍🌍🌍 ")).toEqual([
      "Hi",
      "  there,",
      " wonder",
      "ful",
      " 🌍🌍🌍🌍🌍🌍",
      "🌍 ",
    ]);
    expect(tokenize("   ")).toEqual(["   "]);
    expect(tokenize("")).toEqual([]);
  });

  it("joins back to the text, whatever it holds", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "é", " ", "\n", "\u3000", "🌍", "\ud800") }),
        (text) => {
          const tokens = tokenize(text);
          expect(tokens.join("")).toBe(text);
          for (const token of tokens.slice(0, -1))
            expect(Array.from(token.trim()).length).toBeLessThanOrEqual(6);
        },
      ),
    );
  });

  it("takes linear time on long runs of whitespace (a global regex took minutes on these 512 KiB)", () => {
    const text = `${" ".repeat(1 << 18)}x${" ".repeat(1 << 18)}`;
    const started = performance.now();
    expect(tokenize(text)).toEqual([text]);
    // Milliseconds when linear; a generous bound, as the machine may be busy.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
