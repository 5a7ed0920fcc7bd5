import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { schemaProblems } from "../test/schemaProblems";
import { jsonFromSchema, promptFills } from "./jsonFromSchema";
import { promptValues } from "./promptValues";

const toolArguments = (schema: unknown, prompt: string) =>
  jsonFromSchema(schema, promptValues(prompt), { toolArguments: true });
const reply = (schema: unknown, prompt: string) => jsonFromSchema(schema, promptValues(prompt));

// The demo's tools, as the model sees them.
const CLOCK = {
  type: "object",
  properties: { time_zone: { type: "string", description: "An IANA time zone such as Europe/Paris" } },
};
const CALCULATOR = {
  type: "object",
  properties: { expression: { type: "string", description: "For example (12 + 3) * 4" } },
  required: ["expression"],
};
const WEATHER = {
  type: "object",
  properties: {
    city: { type: "string" },
    days: { type: "integer", minimum: 1, maximum: 14 },
    unit: { type: "string", enum: ["celsius", "fahrenheit"] },
  },
  required: ["city"],
};

// Schemas the property test fills from any prompt; each leans on other keywords.
const SCHEMAS: Record<string, unknown> = {
  weather: WEATHER,
  calculator: CALCULATOR,
  bounds: {
    type: "object",
    properties: {
      a: { type: "integer", minimum: 10, maximum: 20, multipleOf: 5 },
      b: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 },
      c: { type: ["integer", "null"], maximum: -3 },
      d: { type: "number", minimum: 0.5, multipleOf: 0.25 },
    },
    required: ["a", "b", "c", "d"],
    additionalProperties: false,
  },
  strings: {
    type: "object",
    properties: {
      code: { type: "string", pattern: "^[A-Z]{3}$", examples: ["LIS"] },
      short: { type: "string", maxLength: 3 },
      long: { type: "string", minLength: 40 },
      when: { type: "string", format: "date" },
      at: { type: "string", format: "date-time" },
      email: { type: "string", format: "email" },
      site: { type: "string", format: "uri" },
      id: { type: "string", format: "uuid" },
    },
    required: ["code", "short", "long", "when", "at", "email", "site", "id"],
  },
  nested: {
    type: "object",
    properties: {
      trip: {
        type: "object",
        properties: {
          cities: { type: "array", items: { type: "string" }, minItems: 2, maxItems: 3, uniqueItems: true },
          stops: {
            type: "array",
            items: { $ref: "#/$defs/stop" },
            minItems: 1,
          },
          pair: { type: "array", prefixItems: [{ type: "string" }, { type: "boolean" }], items: false },
        },
        required: ["cities", "stops", "pair"],
      },
      choice: {
        anyOf: [{ type: "null" }, { type: "object", properties: { k: { const: 7 } }, required: ["k"] }],
      },
      both: {
        allOf: [
          { type: "object", properties: { x: { type: "integer" } }, required: ["x"] },
          { properties: { y: { enum: ["up", "down"] } }, required: ["y"] },
        ],
      },
    },
    required: ["trip", "choice", "both"],
    $defs: {
      stop: {
        type: "object",
        properties: { place: { type: "string" }, nights: { type: "integer", minimum: 1 } },
        required: ["place", "nights"],
      },
    },
  },
  recursive: {
    $ref: "#/$defs/node",
    $defs: {
      node: {
        type: "object",
        properties: {
          label: { type: "string" },
          children: { type: "array", items: { $ref: "#/$defs/node" } },
        },
        required: ["label"],
      },
    },
  },
  python: {
    type: "object",
    properties: { n: { type: "int" }, f: { type: "float" }, ok: { type: "bool" }, xs: { type: "list" } },
    required: ["n", "f", "ok", "xs"],
  },
};

describe("jsonFromSchema", () => {
  it("gives the calculator the prompt's arithmetic expression", () => {
    expect(toolArguments(CALCULATOR, "What is (12 + 3) * 4?")).toEqual({ expression: "(12 + 3) * 4" });
    expect(toolArguments(CALCULATOR, "What is 17 times 3?")).toEqual({ expression: "17 * 3" });
    // With none in the prompt, the example its description gives, never a stray word.
    expect(toolArguments(CALCULATOR, "Use the calculator.")).toEqual({ expression: "(12 + 3) * 4" });
  });

  it("gives the clock the time zone the prompt names, and leaves the optional zone out when it names none", () => {
    expect(toolArguments(CLOCK, "What time is it in Tokyo?")).toEqual({ time_zone: "Asia/Tokyo" });
    expect(toolArguments(CLOCK, "What time is it in Europe/Lisbon?")).toEqual({ time_zone: "Europe/Lisbon" });
    expect(toolArguments(CLOCK, "What time is it? Check the clock.")).toEqual({});
  });

  it("fills required arguments, and optional ones only from what the prompt says", () => {
    expect(toolArguments(WEATHER, "What is the weather in Toronto for 3 days?")).toEqual({
      city: "Toronto",
      days: 3,
    });
    expect(toolArguments(WEATHER, "Weather in Oslo, in Fahrenheit please")).toEqual({
      city: "Oslo",
      unit: "fahrenheit",
    });
    expect(toolArguments(WEATHER, "Weather in Oslo for 30 days")).toEqual({ city: "Oslo", days: 14 });
  });

  it("fills every property of a JSON reply, the prompt's places in a list of cities", () => {
    const schema = {
      type: "object",
      properties: {
        cities: { type: "array", items: { type: "string" }, maxItems: 3 },
        summary: { type: "string" },
        nights: { type: "integer" },
      },
    };
    expect(reply(schema, "Plan 5 nights in Paris, Rome and Oslo.")).toEqual({
      cities: ["Paris", "Rome", "Oslo"],
      summary: "A short note about Paris.",
      nights: 5,
    });
  });

  it("prefers const, then an enum member the prompt names, then the default, then the first member", () => {
    const values = promptValues("Use kelvin please");
    expect(jsonFromSchema({ type: "string", const: "x", enum: ["y"] }, values)).toBe("x");
    expect(jsonFromSchema({ enum: ["celsius", "kelvin"], default: "celsius" }, values)).toBe("kelvin");
    expect(jsonFromSchema({ enum: ["c", "f"], default: "f" }, values)).toBe("f");
    expect(jsonFromSchema({ enum: ["c", "f"] }, values)).toBe("c");
    expect(jsonFromSchema({ type: "string", default: "2 + 2", examples: ["1 + 1"] }, values)).toBe("2 + 2");
    expect(jsonFromSchema({ type: "string", examples: ["12 * 7"] }, values)).toBe("12 * 7");
  });

  it("calls a tool the prompt answers even when it does not name it", () => {
    expect(promptFills(CALCULATOR, promptValues("What is 12 * 7?"))).toBe(true);
    expect(promptFills(CALCULATOR, promptValues("Write a story of 150 words."))).toBe(false);
    expect(promptFills(CLOCK, promptValues("And in Tokyo?"))).toBe(true);
    expect(promptFills(WEATHER, promptValues("And in Tokyo?"))).toBe(false);
  });

  it.each(Object.entries(SCHEMAS))(
    "fits the %s schema, as tool arguments and as a reply, for any prompt",
    (_, schema) => {
      const prompts = fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.constantFrom(
          "",
          "What is (12 + 3) * 4 in Tokyo on 2026-05-01?",
          "Compare Paris, Rome and Oslo for -3 nights, mail zoe@example.com or see https://example.com.",
          "Describe Lisbon in JSON with 1000000 ideas.",
        ),
      );
      fc.assert(
        fc.property(prompts, (prompt) => {
          expect(schemaProblems(toolArguments(schema, prompt), schema)).toEqual([]);
          expect(schemaProblems(reply(schema, prompt), schema)).toEqual([]);
        }),
        { seed: 14, numRuns: 150 },
      );
    },
  );
});
