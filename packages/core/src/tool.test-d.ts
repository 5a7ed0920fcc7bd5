import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { createChat } from "./chat/createChat";
import { chatObject } from "./chatObject";
import { chatObjectStream, type PartialObject } from "./chatObjectStream";
import { ClientV2 } from "./client";
import { runTools } from "./runTools";
import { tool } from "./tool";

const client = new ClientV2({ apiKey: "" });
const request = { model: "command-a", messages: [{ role: "user" as const, content: "Hi" }] };

describe("tool() infers execute's arguments from its schema", () => {
  it("zod", () => {
    tool({
      parameters: z.object({ city: z.string(), days: z.number().optional() }),
      execute: (args) => expectTypeOf(args).toEqualTypeOf<{ city: string; days?: number | undefined }>(),
    });
  });

  it("arktype", () => {
    tool({
      parameters: type({ city: "string", "days?": "number" }),
      execute: (args) => expectTypeOf(args).toEqualTypeOf<{ city: string; days?: number }>(),
    });
  });

  it("valibot through toStandardJsonSchema", () => {
    tool({
      parameters: toStandardJsonSchema(v.object({ city: v.string() })),
      execute: (args) => expectTypeOf(args).toEqualTypeOf<{ city: string }>(),
    });
  });

  it("a schema's output, after transforms", () => {
    tool({
      parameters: z.object({ when: z.string().transform((text) => new Date(text)) }),
      execute: ({ when }) => expectTypeOf(when).toEqualTypeOf<Date>(),
    });
  });

  it("plain JSON Schema gives a record, or the type given", () => {
    tool({
      parameters: { type: "object" },
      execute: (args) => expectTypeOf(args).toEqualTypeOf<Record<string, unknown>>(),
    });
    tool<{ city: string }>({
      parameters: { type: "object" },
      execute: (args) => expectTypeOf(args).toEqualTypeOf<{ city: string }>(),
    });
  });

  it("a schema of anything but an object does not compile: a tool's arguments are a JSON object", () => {
    // @ts-expect-error: a string is not an object of arguments
    tool({ parameters: z.string(), execute: (args) => args });
    // @ts-expect-error: nor is a number
    tool({ parameters: z.number() });
    // @ts-expect-error: nor is an array
    tool({ parameters: z.array(z.string()), execute: (args) => args.length });
  });

  it("a wrong argument name does not compile", () => {
    tool({
      parameters: z.object({ city: z.string() }),
      // @ts-expect-error: `town` is not a property of the schema
      execute: ({ town }) => town,
    });
    tool({
      parameters: type({ city: "string" }),
      // @ts-expect-error: `town` is not a property of the schema
      execute: ({ town }) => town,
    });
    tool({
      parameters: toStandardJsonSchema(v.object({ city: v.string() })),
      // @ts-expect-error: `town` is not a property of the schema
      execute: ({ town }) => town,
    });
  });

  it("a wrong argument type does not compile", () => {
    // @ts-expect-error: days is a number
    tool({
      parameters: z.object({ days: z.number() }),
      execute: ({ days }: { days: string }) => days,
    });
  });

  it("typed tools fit createChat and runTools next to plain ones", () => {
    const weather = tool({ parameters: z.object({ city: z.string() }), execute: ({ city }) => city });
    createChat({ client, model: "m", tools: { weather, plain: { execute: (args) => args.anything } } });
    void runTools(client, { ...request, tools: { weather } });
    void client.runTools({ ...request, tools: { weather } });
  });
});

describe("structured output is typed from its schema", () => {
  const schema = z.object({ title: z.string(), tags: z.array(z.string()) });

  it("chatObject resolves to the schema's output", async () => {
    expectTypeOf((await chatObject(client, { ...request, schema })).object).toEqualTypeOf<{
      title: string;
      tags: string[];
    }>();
    expectTypeOf((await client.chatObject({ ...request, schema })).object).toEqualTypeOf<{
      title: string;
      tags: string[];
    }>();
    expectTypeOf((await client.chatObject({ ...request, schema: { type: "object" } })).object).toBeUnknown();
  });

  it("chatObjectStream yields partial objects and resolves to the whole", async () => {
    const stream = await chatObjectStream(client, { ...request, schema });
    for await (const partial of stream) {
      expectTypeOf(partial).toEqualTypeOf<PartialObject<{ title: string; tags: string[] }>>();
      expectTypeOf(partial.title).toEqualTypeOf<string | undefined>();
    }
    expectTypeOf(await stream.object()).toEqualTypeOf<{ title: string; tags: string[] }>();
  });

  it("partial objects have the JSON's shape (the schema's input), the whole object the output's", async () => {
    const dated = z.object({ when: z.string().transform((text) => new Date(text)) });
    const stream = await client.chatObjectStream({ ...request, schema: dated });
    for await (const partial of stream) expectTypeOf(partial.when).toEqualTypeOf<string | undefined>();
    expectTypeOf(await stream.object()).toEqualTypeOf<{ when: Date }>();
  });
});
