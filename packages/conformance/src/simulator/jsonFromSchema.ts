/** Values the generated JSON is built from, taken from the prompt so replies stay on topic. */
export interface JsonSeed {
  /** A salient word of the prompt (a name, a place), used for strings. */
  word: string;
  /** The first number in the prompt, used for numbers. */
  number: number | undefined;
}

type Schema = Record<string, unknown>;

/**
 * A JSON value that satisfies the common parts of a JSON Schema: `type` (also the Python-ish `str`,
 * `int`, `float`, `bool` some callers send), `enum`, `const`, `default`, `examples`, `properties`, `required`, `items`,
 * `minItems`, `minimum`/`maximum`. With `requiredOnly`, objects hold only their required properties
 * (what a model puts in tool arguments); otherwise every listed property.
 */
export function jsonFromSchema(schema: unknown, seed: JsonSeed, requiredOnly = false): unknown {
  if (typeof schema !== "object" || schema === null) return seed.word;
  const s = schema as Schema;
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  // A schema's own sample beats a word of the prompt: it is what the tool's author expects to receive.
  if ("default" in s) return s.default;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object":
      return objectFrom(s, seed, requiredOnly);
    case "array":
    case "list": {
      const count = Math.max(1, typeof s.minItems === "number" ? s.minItems : 1);
      return Array.from({ length: count }, () => jsonFromSchema(s.items, seed, requiredOnly));
    }
    case "integer":
    case "int":
      return clamp(Math.round(seed.number ?? 1), s);
    case "number":
    case "float":
      return clamp(seed.number ?? 1.5, s);
    case "boolean":
    case "bool":
      return true;
    case "null":
      return null;
    case undefined:
      return typeof s.properties === "object" ? objectFrom(s, seed, requiredOnly) : seed.word;
    default:
      return s.format === "date" ? "2026-01-01" : seed.word;
  }
}

function objectFrom(schema: Schema, seed: JsonSeed, requiredOnly: boolean): Record<string, unknown> {
  const properties = (typeof schema.properties === "object" && schema.properties) || {};
  const required = Array.isArray(schema.required) ? schema.required.filter((k) => typeof k === "string") : [];
  const keys = requiredOnly ? required : [...new Set([...Object.keys(properties), ...required])];
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = jsonFromSchema((properties as Schema)[key], seed, requiredOnly);
  return out;
}

function clamp(value: number, schema: Schema): number {
  const min = typeof schema.minimum === "number" ? schema.minimum : Number.NEGATIVE_INFINITY;
  const max = typeof schema.maximum === "number" ? schema.maximum : Number.POSITIVE_INFINITY;
  return Math.min(max, Math.max(min, value));
}
