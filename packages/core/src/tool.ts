import type { ChatTool, ToolContext } from "./chat/types";
import { describeIssues, isStandardSchema, issuePath, toJsonSchema } from "./schemaSupport";
import type { InferOutput, JsonSchema, Schema } from "./standardSchema";

/** What `parseArguments` gives: the arguments for `execute`, or the error the model gets as the tool's result. */
export type ParsedArguments<Args> = { args: Args; error?: undefined } | { error: Record<string, unknown> };

/**
 * A tool made by `tool()`: the plain `ChatTool` shape (so `createChat` and `runTools` take it as any other), with
 * `parameters` already written as JSON Schema.
 */
export interface TypedTool<Args = Record<string, unknown>, Result = unknown> extends ChatTool<Args> {
  description?: string;
  /** The JSON Schema sent to the model. */
  parameters: Record<string, unknown>;
  /**
   * Checks the model's arguments (parsed from JSON) against the schema; the chat store and `runTools` call it
   * before `execute`. Absent when `parameters` was plain JSON Schema.
   */
  parseArguments?(args: unknown): Promise<ParsedArguments<Args>>;
  execute?(args: Args, context: ToolContext): Result;
}

/**
 * What `tool()` takes. `Args` is what `execute` gets (inferred from a schema `parameters`), `Result` what it
 * returns (sent back to the model as the tool's result), `Parameters` the schema or JSON Schema given.
 */
export interface ToolDefinition<Args, Result, Parameters> {
  /** Tells the model what the tool does and when to call it. */
  description?: string;
  /**
   * A Standard Schema that can describe itself as JSON Schema (zod 4, arktype, valibot through
   * `toStandardJsonSchema`), or a plain JSON Schema object (sent as it is; the arguments are then only checked
   * to be a JSON object).
   * @default { type: "object", properties: {} }
   */
  parameters?: Parameters;
  /** Runs the call. Without it, the chat store waits for `addToolResult` and `runTools` stops. */
  execute?: (args: Args, context: ToolContext) => Result;
}

/**
 * Defines a tool. With a schema as `parameters`, `execute`'s arguments are typed from it, and the model's
 * arguments are checked against it first: arguments that do not fit (or are not JSON) never reach `execute`; the
 * model gets a tool result naming the failing paths instead, so it can correct itself.
 *
 * ```ts
 * const weather = tool({
 *   description: "Current weather for a city",
 *   parameters: z.object({ city: z.string() }),
 *   execute: async ({ city }) => ({ city, temp_c: 21 }),
 * });
 * ```
 */
// A tool's arguments are always a JSON object, so a schema of anything else (`z.string()`, `z.array(...)`) must
// not compile: `object` refuses the primitives, the conditional the arrays.
export function tool<S extends Schema<unknown, object>, Result = unknown>(
  definition: ToolDefinition<InferOutput<S>, Result, S> & {
    parameters: InferOutput<S> extends readonly unknown[] ? never : S;
  },
): TypedTool<InferOutput<S>, Result>;
export function tool<Args = Record<string, unknown>, Result = unknown>(
  definition: ToolDefinition<Args, Result, JsonSchema>,
): TypedTool<Args, Result>;
export function tool(definition: ToolDefinition<unknown, unknown, Schema | JsonSchema>): TypedTool<unknown> {
  const { parameters = { type: "object", properties: {} }, ...rest } = definition;
  const made: TypedTool<unknown> = { ...rest, parameters: toJsonSchema(parameters, "tool(): parameters") };
  if (isStandardSchema(parameters)) {
    // Here rather than in the store: an app that never imports `tool()` never bundles it.
    made.parseArguments = async (args) => {
      const checked = await parameters["~standard"].validate(args);
      if (!checked.issues) return { args: checked.value };
      const { issues } = checked;
      return {
        error: {
          error: `The arguments do not fit the tool's parameters: ${describeIssues(issues)}`,
          issues: issues.map((issue) => ({ path: issuePath(issue), message: issue.message })),
        },
      };
    };
  }
  return made;
}
