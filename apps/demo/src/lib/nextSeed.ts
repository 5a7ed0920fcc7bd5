/** The largest seed sent: Cohere takes any integer, and 31 bits keep it a safe non-negative int everywhere. */
export const MAX_SEED = 2 ** 31 - 1;

/**
 * A seed for a Regenerate request, different from the previous one, so the provider samples another reply (the
 * simulated provider words its reply by seed; the same seed gives the same reply). `random` is a source of uniform
 * numbers in [0, 1), `Math.random` by default.
 */
export function nextSeed(previous: number | undefined, random: () => number = Math.random): number {
  const seed = Math.floor(random() * MAX_SEED);
  // One draw in two billion repeats the last seed; stepping past it is enough.
  return seed === previous ? (seed + 1) % MAX_SEED : seed;
}
