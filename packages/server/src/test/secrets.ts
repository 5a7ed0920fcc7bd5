/** The key every test hands the handler. No answer, header or log line of the suite may hold any of it. */
export const KEY = "sk-parley-TEST-4f9a2c7e1b8d5a63";

/** What a scan looks for: the key, its first 8 characters (a truncated echo), and its JSON-escaped form. */
export function keyTraces(key: string = KEY): string[] {
  return [...new Set([key, key.slice(0, 8), JSON.stringify(key).slice(1, -1)])];
}

/** The traces of `key` that `text` holds; empty when it is clean. */
export function tracesIn(text: string, key: string = KEY): string[] {
  return keyTraces(key).filter((trace) => text.includes(trace));
}
