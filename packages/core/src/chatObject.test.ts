import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { chatObject } from "./chatObject";
import { chatObjectStream } from "./chatObjectStream";
import { ClientV2 } from "./client";
import { ObjectValidationError, ParleyError, ValidationError } from "./errors";
import { fakeFetch, jsonResponse, sseFrames, sseResponse } from "./test/fakeFetch";
import type { StreamEvent } from "./types";

const request = { model: "command-a", messages: [{ role: "user" as const, content: "A recipe, please" }] };

const reply = (text: string, finish_reason = "COMPLETE") =>
  jsonResponse({
    id: "r1",
    finish_reason,
    message: { role: "assistant", content: [{ type: "text", text }] },
  });

const schemas = {
  zod: () => z.object({ title: z.string(), minutes: z.number().int().positive() }),
  arktype: () => type({ title: "string", minutes: "number.integer > 0" }),
  valibot: () =>
    toStandardJsonSchema(
      v.object({ title: v.string(), minutes: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
    ),
};

describe.each(Object.entries(schemas))("chatObject with a %s schema", (_library, make) => {
  it("sends the schema as response_format and resolves to the validated object", async () => {
    const fetch = fakeFetch(reply('{"title": "Soup", "minutes": 20}'));
    const client = new ClientV2({ apiKey: "", fetch });
    const { object, response } = await client.chatObject({ ...request, schema: make() });
    expect(object).toEqual({ title: "Soup", minutes: 20 });
    expect(response.id).toBe("r1");
    expect(fetch.calls[0]!.body.response_format).toEqual({
      type: "json_object",
      json_schema: expect.objectContaining({
        type: "object",
        properties: { title: { type: "string" }, minutes: expect.objectContaining({ type: "integer" }) },
        required: expect.arrayContaining(["title", "minutes"]),
      }),
    });
    expect(fetch.calls[0]!.body).not.toHaveProperty("schema");
  });

  it("rejects a reply that does not fit with ObjectValidationError: the text and the issues with paths", async () => {
    const text = '{"title": 5, "minutes": -1}';
    const client = new ClientV2({ apiKey: "", fetch: fakeFetch(reply(text)) });
    const error = await chatObject(client, { ...request, schema: make() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectValidationError);
    expect(error).toBeInstanceOf(ParleyError);
    const failure = error as ObjectValidationError;
    expect(failure.name).toBe("ObjectValidationError");
    expect(failure.text).toBe(text);
    // (arktype reports in its own key order.)
    const paths = failure.issues.map((issue) =>
      issue.path?.map((p) => (typeof p === "object" ? p.key : p)).join("."),
    );
    expect(paths.sort()).toEqual(["minutes", "title"]);
    expect(failure.message).toMatch(
      /^The reply does not fit the schema: (title|minutes): .+; (title|minutes): .+/,
    );
    expect(failure.response.id).toBe("r1");
  });
});

describe("chatObject", () => {
  it("rejects a reply that is not JSON, keeping the text", async () => {
    const text = "Sure! Here is your recipe: {";
    const client = new ClientV2({ apiKey: "", fetch: fakeFetch(reply(text)) });
    const error = (await client
      .chatObject({ ...request, schema: schemas.zod() })
      .catch((e: unknown) => e)) as ObjectValidationError;
    expect(error).toBeInstanceOf(ObjectValidationError);
    expect(error.text).toBe(text);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.message).toMatch(/^not valid JSON/);
    expect(error.message).toMatch(/^The reply is not JSON: "Sure! Here is/);
  });

  it("says a reply that is not JSON was cut short when max_tokens ended it", async () => {
    const text = '{"title": "Pancakes", "min';
    const client = new ClientV2({ apiKey: "", fetch: fakeFetch(reply(text, "MAX_TOKENS")) });
    const error = await client.chatObject({ ...request, schema: schemas.zod() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectValidationError);
    expect((error as Error).message).toMatch(
      /^The reply is not JSON \(cut short: finish_reason is MAX_TOKENS\): /,
    );
  });

  it("sends a plain JSON Schema as it is and only checks the reply is JSON", async () => {
    const schema = { type: "object", properties: { anything: { type: "string" } } };
    const fetch = fakeFetch(reply('{"other": 1}'));
    const client = new ClientV2({ apiKey: "", fetch });
    expect((await chatObject(client, { ...request, schema })).object).toEqual({ other: 1 });
    expect(fetch.calls[0]!.body.response_format).toEqual({ type: "json_object", json_schema: schema });
  });

  it("refuses a schema that cannot describe itself, before sending anything", async () => {
    const fetch = fakeFetch();
    const client = new ClientV2({ apiKey: "", fetch });
    await expect(chatObject(client, { ...request, schema: v.object({}) as never })).rejects.toThrow(
      ValidationError,
    );
    await expect(chatObject(client, { ...request, schema: "text" as never })).rejects.toThrow(
      "chatObject(): schema: must be a JSON Schema object or a Standard Schema",
    );
    expect(fetch.calls).toHaveLength(0);
  });
});

/** A structured reply streamed in `pieces`, after a thinking block that must not count as the reply. */
function objectStream(pieces: string[]): Response {
  const events: StreamEvent[] = [
    { type: "message-start", id: "r2", delta: { message: { role: "assistant" } } },
    { type: "content-start", index: 0, delta: { message: { content: { type: "thinking", thinking: "" } } } },
    { type: "content-delta", index: 0, delta: { message: { content: { thinking: '{"not": "this"}' } } } },
    { type: "content-end", index: 0 },
    { type: "content-start", index: 1, delta: { message: { content: { type: "text", text: "" } } } },
    ...pieces.map(
      (text): StreamEvent => ({ type: "content-delta", index: 1, delta: { message: { content: { text } } } }),
    ),
    { type: "content-end", index: 1 },
    { type: "message-end", delta: { finish_reason: "COMPLETE" } },
  ];
  return sseResponse([sseFrames(events)]);
}

describe("chatObjectStream", () => {
  it("yields each growing partial object, then object() resolves to the validated whole", async () => {
    const pieces = ['{"ti', 'tle": "So', "up", '", "minu', "tes", '": 2', "0", "}"];
    const fetch = fakeFetch(objectStream(pieces));
    const client = new ClientV2({ apiKey: "", fetch });
    const stream = await client.chatObjectStream({ ...request, schema: schemas.zod() });
    expect(fetch.calls[0]!.body).toMatchObject({ stream: true, response_format: { type: "json_object" } });
    const partials: unknown[] = [];
    for await (const partial of stream) partials.push(partial);
    expect(partials).toEqual([
      {},
      { title: "So" },
      { title: "Soup" },
      // `"minu` and `tes` show nothing new; `2` might become `20`, so it waits for the closing brace.
      { title: "Soup", minutes: 20 },
    ]);
    expect(await stream.object()).toEqual({ title: "Soup", minutes: 20 });
  });

  it("yields a new object each time, sharing the parts already complete with the one before", async () => {
    const pieces = ['{"title": "Soup", "steps": [{"do": "chop"}, {"do": "st', "ir", '"}], "minutes": 5', "}"];
    const client = new ClientV2({ apiKey: "", fetch: fakeFetch(objectStream(pieces)) });
    const stream = await client.chatObjectStream({ ...request, schema: schemas.zod() });
    const partials: Array<{ steps?: unknown[] }> = [];
    for await (const partial of stream) partials.push(partial as { steps?: unknown[] });
    expect(partials).toEqual([
      { title: "Soup", steps: [{ do: "chop" }, { do: "st" }] },
      { title: "Soup", steps: [{ do: "chop" }, { do: "stir" }] },
      { title: "Soup", steps: [{ do: "chop" }, { do: "stir" }], minutes: 5 },
    ]);
    const [first, second, third] = partials;
    expect(second).not.toBe(first);
    expect(second!.steps![0]).toBe(first!.steps![0]); // complete before the first yield
    expect(third!.steps).toBe(second!.steps); // complete once `]` came, unchanged since the second yield
  });

  it("object() alone reads the stream, and rejects a streamed reply that does not fit", async () => {
    const client = new ClientV2({ apiKey: "", fetch: fakeFetch(objectStream(['{"title": "Soup"}'])) });
    const stream = await chatObjectStream(client, { ...request, schema: schemas.zod() });
    const error = (await stream.object().catch((e: unknown) => e)) as ObjectValidationError;
    expect(error).toBeInstanceOf(ObjectValidationError);
    expect(error.text).toBe('{"title": "Soup"}');
    expect(error.issues.map((issue) => issue.path)).toEqual([["minutes"]]);
    expect(await stream.object().catch((e: unknown) => e)).toBe(error);
  });

  it("yields nothing for a reply that is not JSON, and object() says so", async () => {
    const client = new ClientV2({ apiKey: "", fetch: fakeFetch(objectStream(["Here you ", "go: {"])) });
    const stream = await chatObjectStream(client, { ...request, schema: schemas.zod() });
    const partials: unknown[] = [];
    for await (const partial of stream) partials.push(partial);
    expect(partials).toEqual([]);
    await expect(stream.object()).rejects.toThrow(/^The reply is not JSON: "Here you go: \{"/);
  });
});
