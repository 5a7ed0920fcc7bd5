import { describe, expect, it } from "vitest";
import { MAX_SEED, nextSeed } from "./nextSeed";

describe("nextSeed", () => {
  it("gives a non-negative integer within the seed range", () => {
    for (const draw of [0, 0.25, 0.999999999]) {
      const seed = nextSeed(undefined, () => draw);
      expect(Number.isInteger(seed)).toBe(true);
      expect(seed).toBeGreaterThanOrEqual(0);
      expect(seed).toBeLessThan(MAX_SEED);
    }
  });

  it("never repeats the previous seed, even when the random source does", () => {
    const previous = nextSeed(undefined, () => 0.5);
    expect(nextSeed(previous, () => 0.5)).not.toBe(previous);
    const last = nextSeed(undefined, () => (MAX_SEED - 1) / MAX_SEED);
    expect(nextSeed(last, () => (MAX_SEED - 1) / MAX_SEED)).toBe((last + 1) % MAX_SEED);
  });
});
