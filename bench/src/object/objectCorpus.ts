import { cohereStreamEvents, makeTokens } from "../corpus";
import { createRandom } from "../random";

/** Replies of about 13, 27 and 107 kB; the loop that re-reads the text on every delta runs on the first two only. */
export const OBJECT_SIZES = [
  { products: 20, reparse: true },
  { products: 40, reparse: true },
  { products: 160, reparse: false },
] as const;

/**
 * A structured reply as a model writes it (indented JSON): a catalogue of `products` products (160 make about
 * 100 kB) with text from the mixed token pool (accents, CJK, emoji, quotes and backslashes that JSON escapes,
 * newlines), numbers with fractions and exponents, literals, nested objects and arrays. The same on every run;
 * a smaller catalogue is the start of a larger one.
 */
export function objectReplyText(products: number): string {
  const random = createRandom(5);
  const tokens = makeTokens(16_000, 9);
  let next = 0;
  const words = (count: number) => {
    next += count;
    return tokens
      .slice(next - count, next)
      .join("")
      .trim();
  };
  const items = Array.from({ length: products }, (_, id) => ({
    id,
    name: words(4),
    description: words(40),
    price: Math.round(random() * 100_000) / 100,
    weight_t: Number((random() * 1e-6).toExponential(3)), // JSON writes it with an exponent: 4.521e-7
    in_stock: random() < 0.7,
    discontinued: random() < 0.1 ? null : false,
    tags: Array.from({ length: 1 + Math.floor(random() * 4) }, () => words(1)),
    dimensions: { width: Math.floor(random() * 300), height: Math.floor(random() * 300), unit: "mm" },
    reviews: Array.from({ length: Math.floor(random() * 3) }, () => ({
      rating: 1 + Math.floor(random() * 5),
      text: words(12),
    })),
  }));
  return JSON.stringify({ catalogue: "Spring", currency: "EUR", products: items, total: products }, null, 2);
}

/**
 * `text` as the content deltas of a streamed reply, `size` characters each (code points: no delta splits an
 * emoji's surrogate pair), and the SSE body that carries them.
 */
export function objectReplyStream(text: string, size = 4): { body: Uint8Array; deltas: number } {
  const characters = Array.from(text);
  const deltas: string[] = [];
  for (let at = 0; at < characters.length; at += size) deltas.push(characters.slice(at, at + size).join(""));
  return { body: new TextEncoder().encode(cohereStreamEvents(deltas).join("")), deltas: deltas.length };
}
