import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { ChatOptions } from "./chat/types";
import { ValidationError } from "./errors";
import { textReply, toolCallReply } from "./test/chatServer";
import { settle, setupChat } from "./test/chatSetup";
import { tool } from "./tool";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** One schema, `{ city: string, days?: integer >= 1 }`, written in each library. */
const schemas = {
  zod: () => z.object({ city: z.string(), days: z.number().int().min(1).optional() }),
  arktype: () => type({ city: "string", "days?": "number.integer >= 1" }),
  valibot: () =>
    toStandardJsonSchema(
      v.object({ city: v.string(), days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))) }),
    ),
};

/** Runs one reply's tool calls through a chat and gives the tool messages the next request sends. */
async function toolResultsFor(tools: ChatOptions["tools"], calls: Array<{ id: string; args: string }>) {
  const { server, chat } = setupChat({ tools });
  const sent = chat.send("Weather?");
  await settle();
  server.requests[0]!.send(...toolCallReply(calls.map((call) => ({ ...call, name: "weather" }))));
  server.requests[0]!.done();
  await settle();
  const sentTools = server.requests[1]!.body.tools;
  const results = (server.requests[1]!.body.messages as Array<{ role: string }>).filter(
    (m) => m.role === "tool",
  );
  server.requests[1]!.send(...textReply(["ok"]));
  server.requests[1]!.done();
  await sent;
  return { results, sentTools };
}

describe.each(Object.entries(schemas))("tool() with a %s schema", (_library, make) => {
  it("sends the schema as JSON Schema, without $schema", () => {
    const weather = tool({ description: "Weather", parameters: make() });
    expect(weather.parameters).toMatchObject({
      type: "object",
      properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 } },
      required: ["city"],
    });
    expect(weather.parameters).not.toHaveProperty("$schema");
    expect(weather.description).toBe("Weather");
  });

  it("runs execute with arguments that fit, in the chat store", async () => {
    const execute = vi.fn(
      ({ city, days }: { city: string; days?: number }) => `${city} for ${days ?? 1} days: sunny`,
    );
    const weather = tool({ parameters: make(), execute });
    const { results, sentTools } = await toolResultsFor({ weather }, [
      { id: "call_1", args: '{"city":"Paris","days":3}' },
    ]);
    expect(sentTools).toEqual([
      { type: "function", function: { name: "weather", parameters: weather.parameters } },
    ]);
    expect(execute).toHaveBeenCalledWith(
      { city: "Paris", days: 3 },
      expect.objectContaining({ toolCall: expect.anything() }),
    );
    expect(results).toEqual([{ role: "tool", tool_call_id: "call_1", content: "Paris for 3 days: sunny" }]);
  });

  it("never runs execute with arguments that break the schema; the model gets the failing paths", async () => {
    const execute = vi.fn(() => "sunny");
    const { results } = await toolResultsFor({ weather: tool({ parameters: make(), execute }) }, [
      { id: "call_1", args: '{"city":5,"days":0}' },
      { id: "call_2", args: '{"days":2}' },
    ]);
    expect(execute).not.toHaveBeenCalled();
    const data = (i: number) =>
      (
        results[i] as unknown as {
          content: Array<{ document: { data: { error: string; issues: Array<{ path: string }> } } }>;
        }
      ).content[0]!.document.data;
    expect(data(0).error).toMatch(/^The arguments do not fit the tool's parameters: .*city.*; .*days/);
    expect(data(0).issues.map((issue) => issue.path)).toEqual(["city", "days"]);
    expect(data(1).issues.map((issue) => issue.path)).toEqual(["city"]);
  });

  it("never runs execute with arguments that are not JSON, or not an object", async () => {
    const execute = vi.fn(() => "sunny");
    const { results } = await toolResultsFor({ weather: tool({ parameters: make(), execute }) }, [
      { id: "call_1", args: '{"city": "Par' },
      { id: "call_2", args: '["Paris"]' },
    ]);
    expect(execute).not.toHaveBeenCalled();
    expect(results).toEqual([
      {
        role: "tool",
        tool_call_id: "call_1",
        content: [
          {
            type: "document",
            document: { data: { error: 'The arguments are not valid JSON: {"city": "Par' } },
          },
        ],
      },
      {
        role: "tool",
        tool_call_id: "call_2",
        content: [
          {
            type: "document",
            document: { data: { error: 'The arguments must be a JSON object, not ["Paris"]' } },
          },
        ],
      },
    ]);
  });
});

describe("tool()", () => {
  it("gives execute the schema's output, transforms included", async () => {
    const execute = vi.fn((args: { city: string }) => args.city);
    const shout = tool({
      parameters: z.object({ city: z.string().transform((city) => city.toUpperCase()) }),
      execute,
    });
    const parsed = await shout.parseArguments?.({ city: "paris" });
    expect(parsed).toEqual({ args: { city: "PARIS" } });
  });

  it("takes plain JSON Schema as it is, and then only checks that the arguments are an object", async () => {
    const execute = vi.fn((args: Record<string, unknown>) => `got ${String(args.city)}`);
    const parameters = { type: "object", properties: { city: { type: "string" } } };
    const weather = tool({ parameters, execute });
    expect(weather.parameters).toBe(parameters);
    expect(weather.parseArguments).toBeUndefined();
    const { results } = await toolResultsFor({ weather }, [{ id: "call_1", args: '{"city":7}' }]);
    expect(results).toEqual([{ role: "tool", tool_call_id: "call_1", content: "got 7" }]);
  });

  it("defaults parameters to an empty object schema", () => {
    expect(tool({ execute: () => "now" }).parameters).toEqual({ type: "object", properties: {} });
  });

  it("refuses a Standard Schema that cannot describe itself as JSON Schema, saying what to do", () => {
    const plainValibot = v.object({ city: v.string() });
    expect(() => tool({ parameters: plainValibot as never })).toThrow(ValidationError);
    expect(() => tool({ parameters: plainValibot as never })).toThrow(
      /tool\(\): parameters: this valibot schema cannot describe itself as JSON Schema.*toStandardJsonSchema/,
    );
  });

  it("keeps working next to plain ChatTool objects in one chat", async () => {
    const { results } = await toolResultsFor(
      {
        weather: { execute: (args: Record<string, unknown>) => `plain ${String(args.city)}` },
      },
      [{ id: "call_1", args: '{"city":"Oslo"}' }],
    );
    expect(results).toEqual([{ role: "tool", tool_call_id: "call_1", content: "plain Oslo" }]);
  });
});
