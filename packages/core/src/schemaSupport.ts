import { ValidationError } from "./errors";
import type { JsonSchema, Schema, StandardSchemaIssue } from "./standardSchema";

/** Whether `value` is a Standard Schema (rather than a plain JSON Schema object). arktype's are functions. */
export function isStandardSchema(value: unknown): value is Schema {
  return (typeof value === "object" || typeof value === "function") && value !== null && "~standard" in value;
}

/**
 * The JSON Schema to send for `schema`: a plain JSON Schema as it is, a Standard Schema through its own
 * `~standard.jsonSchema.input` (what the model must write is the schema's input). `$schema` is left out: it only
 * names the draft. `path` names the option in errors.
 */
export function toJsonSchema(schema: Schema | JsonSchema, path: string): Record<string, unknown> {
  if (!isStandardSchema(schema)) {
    if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
      throw new ValidationError(path, "must be a JSON Schema object or a Standard Schema");
    }
    return schema;
  }
  const convert = schema["~standard"].jsonSchema?.input;
  if (typeof convert !== "function") {
    throw new ValidationError(
      path,
      `this ${schema["~standard"].vendor} schema cannot describe itself as JSON Schema (no ~standard.jsonSchema); ` +
        "for valibot, wrap it with toStandardJsonSchema() from @valibot/to-json-schema",
    );
  }
  let json: Record<string, unknown>;
  try {
    json = convert({ target: "draft-2020-12" });
  } catch (cause) {
    throw new ValidationError(path, `the schema cannot be written as JSON Schema: ${errorMessage(cause)}`);
  }
  const { $schema: _draft, ...rest } = json;
  return rest;
}

/** An issue's path as text: `items[0].name`; `""` for the value itself. */
export function issuePath(issue: StandardSchemaIssue): string {
  let text = "";
  for (const segment of issue.path ?? []) {
    const key = typeof segment === "object" && segment !== null ? segment.key : segment;
    if (typeof key === "number") text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text;
}

/** Issues as one line: `city: Expected string; days[1]: Too big`. */
export function describeIssues(issues: ReadonlyArray<StandardSchemaIssue>): string {
  return issues.map((issue) => (issuePath(issue) ? `${issuePath(issue)}: ` : "") + issue.message).join("; ");
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
