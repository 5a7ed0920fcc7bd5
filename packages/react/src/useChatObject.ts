import {
  type ChatMessage,
  type ChatRequest,
  type ClientV2,
  chatObjectStream,
  type JsonOf,
  type JsonSchema,
  type ObjectOf,
  type PartialObject,
  type Schema,
  type SystemContent,
} from "@parley/core";
import { useCallback, useEffect, useRef, useState } from "react";

/** What `useChatObject` takes; the latest render's options are the ones the next `submit` uses. */
export interface UseChatObjectOptions<S extends Schema | JsonSchema> {
  /** The client requests go through (`chatStream` is all it needs). */
  client: Pick<ClientV2, "chatStream">;
  /** The model id, e.g. `command-a-03-2025`. */
  model: string;
  /** What the reply must be: a Standard Schema with JSON Schema (zod 4, arktype, valibot), or plain JSON Schema. */
  schema: S;
  /** Sent as the first message of every request. */
  system?: SystemContent | undefined;
  /** Request fields such as `temperature` or `max_tokens`. */
  params?: Omit<ChatRequest, "model" | "messages" | "stream" | "response_format"> | undefined;
  /** Called once per submit that was not stopped: with the validated object, or the error. */
  onFinish?: (result: { object: ObjectOf<S> | undefined; error: Error | undefined }) => void;
}

/**
 * What `useChatObject` returns: the object and status of the latest submit, and the actions (stable functions).
 * `T` is the validated object (the schema's output); `Json` the shape of the JSON as it arrives (the schema's input).
 */
export interface UseChatObjectResult<T, Json = T> {
  /**
   * The reply's JSON so far while it streams (cut short, never invented), then the whole of it. Nothing in it is
   * validated or transformed: it has the schema's input shape. Kept after a stop or a failure.
   */
  object: PartialObject<Json> | undefined;
  /** The whole object, validated (the schema's output, transforms applied), once the reply has ended and fits. */
  finalObject: T | undefined;
  /** `submitted` until the first piece shows, `streaming` until the end, `error` after a failure. */
  status: "ready" | "submitted" | "streaming" | "error";
  /** What failed: the request, the stream, or the reply (`ObjectValidationError` with `text` and `issues`). */
  error: Error | undefined;
  /** Asks for a new object (a prompt, or the whole conversation); stops one still streaming. Never rejects. */
  submit(input: string | ChatMessage[]): Promise<void>;
  /** Stops the request; the partial object stays. */
  stop(): void;
}

interface State<T, Json> {
  object: PartialObject<Json> | undefined;
  finalObject: T | undefined;
  status: UseChatObjectResult<T, Json>["status"];
  error: Error | undefined;
}

/**
 * Streams one structured reply (`chatObjectStream`) into React state, like the AI SDK's `useObject`: the partial
 * object as the JSON arrives (`object`), then the validated one (`finalObject`). The latest render's options are the ones `submit` uses;
 * unmounting stops the request.
 */
export function useChatObject<S extends Schema | JsonSchema>(
  options: UseChatObjectOptions<S>,
): UseChatObjectResult<ObjectOf<S>, JsonOf<S>> {
  type T = ObjectOf<S>;
  type Json = JsonOf<S>;
  const [state, setState] = useState<State<T, Json>>({
    object: undefined,
    finalObject: undefined,
    status: "ready",
    error: undefined,
  });
  const latest = useRef(options);
  latest.current = options;
  const running = useRef<AbortController | undefined>(undefined);

  const stop = useCallback(() => {
    const controller = running.current;
    if (!controller) return;
    running.current = undefined;
    controller.abort();
    setState((current) => ({ ...current, status: "ready" }));
  }, []);

  const submit = useCallback(async (input: string | ChatMessage[]) => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    const { client, model, schema, system, params, onFinish } = latest.current;
    const messages: ChatMessage[] =
      typeof input === "string" ? [{ role: "user", content: input }] : [...input];
    if (system !== undefined) messages.unshift({ role: "system", content: system });
    const live = () => running.current === controller;
    setState({ object: undefined, finalObject: undefined, status: "submitted", error: undefined });
    let object: T | undefined;
    let error: Error | undefined;
    try {
      const stream = await chatObjectStream<S>(
        client,
        { ...params, model, messages, schema },
        { signal: controller.signal },
      );
      for await (const partial of stream) {
        if (!live()) return;
        setState({ object: partial, finalObject: undefined, status: "streaming", error: undefined });
      }
      object = await stream.object();
      if (!live()) return; // replaced by a newer submit while the reply was being validated
    } catch (caught) {
      if (!live()) return; // stopped, or replaced by a newer submit
      error = caught instanceof Error ? caught : new Error(String(caught));
    }
    running.current = undefined;
    setState((current) =>
      error
        ? { ...current, status: "error", error }
        : { object: current.object, finalObject: object, status: "ready", error: undefined },
    );
    onFinish?.({ object, error });
  }, []);

  useEffect(() => () => running.current?.abort(), []);

  return { ...state, submit, stop };
}
