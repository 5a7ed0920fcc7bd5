import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countTokens, tokenize } from "./tokenize";

describe("tokenize", () => {
  it("gives each word with the space before it, long words in pieces of six code points, trailing space kept", () => {
    expect(tokenize("  Grüße aus Zürich 🌍🌍🌍🌍🌍🌍🌍 \n")).toEqual([
      "  Grüße",
      " aus",
      " Zürich",
      " 🌍🌍🌍🌍🌍🌍",
      "🌍 \n",
    ]);
    expect(tokenize("   ")).toEqual(["   "]);
    expect(tokenize("")).toEqual([]);
  });

  it("joins back to the text exactly, and counts what it gives", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (text) => {
        const tokens = tokenize(text);
        expect(tokens.join("")).toBe(text);
        expect(countTokens(text)).toBe(tokens.length);
      }),
      { seed: 14 },
    );
  });
});
