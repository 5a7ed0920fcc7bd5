/**
 * JSON as Cohere's models write it in JSON mode: one line, a space after each colon and comma
 * (`{"city": "Lisbon", "tags": ["a", "b"]}`).
 */
export function jsonText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonText).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${jsonText(v)}`).join(", ")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
