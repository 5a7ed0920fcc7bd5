import type { ClientV2, RequestOptions } from "./client";
import { ObjectValidationError } from "./errors";
import { messageText } from "./messageText";
import { describeIssues, errorMessage, isStandardSchema, toJsonSchema } from "./schemaSupport";
import type { InferInput, InferOutput, JsonSchema, Schema } from "./standardSchema";
import type { ChatRequest, ChatResponse } from "./types";

/**
 * What `chatObject()` and `chatObjectStream()` take: a chat request (`model`, `messages`, `temperature`, …) without
 * `response_format`, which `schema` sets, and without `stream`, which the function sets.
 */
export interface ChatObjectParams<S extends Schema | JsonSchema>
  extends Omit<ChatRequest, "response_format" | "stream"> {
  /**
   * What the reply must be: a Standard Schema that can describe itself as JSON Schema (zod 4, arktype, valibot
   * through `toStandardJsonSchema`), sent as `response_format.json_schema` and checked on the reply; or a plain
   * JSON Schema object, sent as it is (the reply is then only checked to be JSON).
   */
  schema: S;
}

/** The object a schema describes: its validated output, or `unknown` for a plain JSON Schema. */
export type ObjectOf<S> = S extends Schema ? InferOutput<S> : unknown;
/**
 * The JSON a schema takes: its input, which differs from {@link ObjectOf} where the schema transforms
 * (`z.string().transform(...)`); `unknown` for a plain JSON Schema. Partial objects have this shape.
 */
export type JsonOf<S> = S extends Schema ? InferInput<S> : unknown;

/** What `chatObject()` resolves to: the object, and the reply it was read from (for `usage` and `finish_reason`). */
export interface ChatObjectResult<T> {
  /** The reply's JSON, validated by the schema (and typed by it); for a plain JSON Schema, the parsed JSON. */
  object: T;
  /** The whole reply, as `chat()` returns it. */
  response: ChatResponse;
}

/**
 * Asks for a reply in JSON that fits `schema` (`response_format: { type: "json_object", json_schema }`) and
 * resolves to it, validated. A reply that is not JSON or does not fit rejects with `ObjectValidationError`.
 */
export async function chatObject<S extends Schema | JsonSchema>(
  client: Pick<ClientV2, "chat">,
  params: ChatObjectParams<S>,
  options?: RequestOptions,
): Promise<ChatObjectResult<ObjectOf<S>>> {
  const response = await client.chat(objectRequest(params, "chatObject()"), options);
  return { object: await readObject<ObjectOf<S>>(params.schema, response), response };
}

/** The request for a structured reply: the params without `schema`, with the `response_format` it describes. */
export function objectRequest(params: ChatObjectParams<Schema | JsonSchema>, method: string): ChatRequest {
  const { schema, ...request } = params;
  const json_schema = toJsonSchema(schema, `${method}: schema`);
  return { ...request, response_format: { type: "json_object", json_schema } };
}

/** The reply's text as the schema's object, or `ObjectValidationError`. */
export async function readObject<T>(schema: Schema | JsonSchema, response: ChatResponse): Promise<T> {
  const text = messageText(response.message);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const issues = [{ message: `not valid JSON (${errorMessage(error)})` }];
    // A reply cut short by max_tokens is the usual cause: say so, it is the one thing to change.
    const cut = response.finish_reason === "MAX_TOKENS" ? " (cut short: finish_reason is MAX_TOKENS)" : "";
    throw new ObjectValidationError(`The reply is not JSON${cut}: ${preview(text)}`, {
      text,
      issues,
      response,
    });
  }
  if (!isStandardSchema(schema)) return value as T;
  const checked = await schema["~standard"].validate(value);
  if (checked.issues) {
    const { issues } = checked;
    throw new ObjectValidationError(`The reply does not fit the schema: ${describeIssues(issues)}`, {
      text,
      issues,
      response,
    });
  }
  return checked.value as T;
}

function preview(text: string): string {
  return text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}…` : JSON.stringify(text);
}
