const DEPTH = 100_000;

/**
 * Three JSON texts nested 100,000 deep, which a recursive parser would overflow its stack on: arrays, objects, and
 * `request` (a chat request whose body holds the string `"Hi"`) with that string replaced by nested arrays.
 */
export function deeplyNested(request: string): string[] {
  if (!request.includes('"Hi"'))
    throw new Error(`deeplyNested: the request holds no "Hi" to nest: ${request}`);
  return [
    "[".repeat(DEPTH),
    `${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}`,
    request.replace('"Hi"', `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`),
  ];
}
