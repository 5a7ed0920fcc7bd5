import type { ChatObjectParams, JsonOf, ObjectOf } from "./chatObject";
import { objectRequest, readObject } from "./chatObject";
import type { ChatStream } from "./chatStream";
import type { ClientV2, RequestOptions } from "./client";
import { createPartialJsonParser } from "./partialJsonParser";
import type { JsonSchema, Schema } from "./standardSchema";

/** An object still arriving: any key may be missing yet, at any depth. */
export type PartialObject<T> = T extends readonly (infer Item)[]
  ? PartialObject<Item>[]
  : T extends object
    ? { [K in keyof T]?: PartialObject<T[K]> }
    : T;

/**
 * A structured reply as it streams. `for await` yields the object so far each time it grows: each one the parse of
 * the text received so far, cut short but never invented (see `parsePartialJson` for the rule: strings grow,
 * numbers and keys appear once complete). Each yield is a new object that shares the objects and arrays already
 * complete with the one before, so a UI can compare them by reference; treat them as read-only. The text is read
 * once, delta by delta. `object()` resolves to the whole reply, validated. Single use, like the `ChatStream`
 * underneath.
 *
 * `T` is the validated object (the schema's output); `Json` the shape of the JSON as it arrives (the schema's
 * input), which the partial objects have: they differ where the schema transforms, and nothing is validated or
 * transformed before the end.
 */
export class ObjectStream<T, Json = T> implements AsyncIterable<PartialObject<Json>> {
  /** The stream of events underneath: `stream.response` for headers, `stream.finalResponse()` for usage. */
  readonly stream: ChatStream;
  readonly #schema: Schema | JsonSchema;
  #object: Promise<T> | undefined;

  constructor(stream: ChatStream, schema: Schema | JsonSchema) {
    this.stream = stream;
    this.#schema = schema;
  }

  /**
   * Yields the object so far each time the reply's text changes it (thinking is not counted). Reads the stream
   * underneath, so it can run once; leaving the loop early cancels the request.
   */
  async *[Symbol.asyncIterator](): AsyncIterator<PartialObject<Json>> {
    const kinds: string[] = []; // each content block's type: thinking is not the reply
    const parser = createPartialJsonParser(); // reads each delta once: linear in the reply's length
    for await (const event of this.stream) {
      if (event.type === "content-start") kinds[event.index] = event.delta.message.content.type;
      else if (event.type === "content-delta" && kinds[event.index] === "text") {
        // Whitespace, a key still arriving: nothing new to show.
        if (parser.push(event.delta.message.content.text ?? "")) yield parser.value as PartialObject<Json>;
      }
    }
  }

  /** The whole reply, validated; rejects with `ObjectValidationError` when it is not JSON or does not fit. */
  object(): Promise<T> {
    this.#object ??= this.stream.finalResponse().then((response) => readObject<T>(this.#schema, response));
    return this.#object;
  }
}

/**
 * `chatObject` streamed: resolves to an `ObjectStream` once the response starts (HTTP errors reject here, as
 * `chatStream` does).
 */
export async function chatObjectStream<S extends Schema | JsonSchema>(
  client: Pick<ClientV2, "chatStream">,
  params: ChatObjectParams<S>,
  options?: RequestOptions,
): Promise<ObjectStream<ObjectOf<S>, JsonOf<S>>> {
  const stream = await client.chatStream(objectRequest(params, "chatObjectStream()"), options);
  return new ObjectStream<ObjectOf<S>, JsonOf<S>>(stream, params.schema);
}
