// The Standard Schema and Standard JSON Schema interfaces (https://standardschema.dev, spec 1.1.0), copied as
// types so that core needs no dependency, not even a type-only one in its published `.d.ts`. zod 4, arktype and
// valibot (through `@valibot/to-json-schema`) implement both; TypeScript matches them by shape.

/** One problem a schema found. `path` leads to the value, e.g. `["items", 0, "name"]`. */
export interface StandardSchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** What a schema's `validate` gives: the value (its output type), or the issues found. */
export type StandardSchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardSchemaIssue> };

/** A schema that validates: `~standard.validate`. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    /** Checks a value; sync or async, by the library's choice. */
    readonly validate: (
      value: unknown,
      options?: { readonly libraryOptions?: Record<string, unknown> | undefined } | undefined,
    ) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/** A schema that describes itself as JSON Schema: `~standard.jsonSchema`. */
export interface StandardJSONSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    readonly jsonSchema: {
      /** The JSON Schema of the values the schema accepts, written for `target`. */
      readonly input: (options: {
        readonly target: "draft-2020-12" | "draft-07" | "openapi-3.0" | (string & {});
        readonly libraryOptions?: Record<string, unknown> | undefined;
      }) => Record<string, unknown>;
    };
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/** What `tool()` and `chatObject()` take as a schema: one that validates and describes itself as JSON Schema. */
export type Schema<Input = unknown, Output = Input> = StandardSchemaV1<Input, Output> &
  StandardJSONSchemaV1<Input, Output>;

/** A plain JSON Schema object, sent as it is and not checked on our side. */
export type JsonSchema = Record<string, unknown> & { readonly "~standard"?: never };

/** The type a schema's `validate` produces. */
export type InferOutput<S> = S extends StandardSchemaV1<unknown, infer Output> ? Output : unknown;
/** The type a schema's `validate` takes: the JSON as it arrives, before any transform. */
export type InferInput<S> = S extends StandardSchemaV1<infer Input, unknown> ? Input : unknown;
