import { isPlainObject } from "../json/json";

/** Values Cohere's SDK passes through untouched (JSON schemas, document and tool data): their keys stay as they are. */
const OPAQUE = new Set(["parameters", "data", "json_schema", "document", "tool_output"]);

/** snake_case wire -> Cohere's SDK's camelCase, the way the SDK converts whole bodies (opaque values aside). */
export function camelCase(value: unknown, opaque: ReadonlySet<string> = OPAQUE, inside = false): unknown {
  if (Array.isArray(value)) return value.map((item) => camelCase(item, opaque, inside));
  if (!isPlainObject(value) || inside) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()),
      camelCase(child, opaque, opaque.has(key)),
    ]),
  );
}
