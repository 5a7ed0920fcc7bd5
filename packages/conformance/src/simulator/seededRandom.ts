/** A small deterministic random source: the same seed always gives the same sequence. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `length` lower-case base-36 characters. */
  token(length: number): string;
  /** A version-4-shaped UUID, like Cohere's reply ids. */
  uuid(): string;
  /** `length` lower-case hex digits, like `x-debug-trace-id`. */
  hex(length: number): string;
}

/** Hashes any string to 32 bits (FNV-1a over UTF-16 units); good enough to seed, not for security. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The package's one seeded random source: the simulator's replies and the faults' re-chunking both draw from it.
 * mulberry32 underneath, so the same seed gives the same sequence on every platform.
 */
export function createSeededRandom(seed: number | string): SeededRandom {
  const next = mulberry32(typeof seed === "number" ? seed : hashString(seed));
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const digits = (length: number, radix: number): string => {
    let out = "";
    for (let i = 0; i < length; i++) out += int(0, radix - 1).toString(radix);
    return out;
  };
  return {
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new RangeError("pick() needs at least one item");
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
    token: (length) => digits(length, 36),
    hex: (length) => digits(length, 16),
    uuid: () => {
      const h = digits(32, 16);
      const variant = "89ab"[int(0, 3)];
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}

/** A small seeded generator: floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
