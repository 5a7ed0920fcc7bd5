import { describe, expect, it } from "vitest";
import { schemaProblems } from "./schemaProblems";

// The checker the simulator's tests trust: it must say no where a schema says no.
describe("schemaProblems", () => {
  const schema = {
    type: "object",
    properties: {
      city: { type: "string", minLength: 2, pattern: "^\\p{Lu}" },
      days: { type: "integer", minimum: 1, exclusiveMaximum: 8, multipleOf: 1 },
      unit: { enum: ["celsius", "fahrenheit"] },
      tags: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 2, uniqueItems: true },
      when: { type: "string", format: "date" },
      point: { $ref: "#/$defs/point" },
    },
    required: ["city", "days"],
    additionalProperties: false,
    $defs: { point: { type: "object", properties: { x: { type: "number" } }, required: ["x"] } },
  };

  it("finds nothing wrong with a value that fits", () => {
    const value = {
      city: "Oslo",
      days: 7,
      unit: "celsius",
      tags: ["a"],
      when: "2026-05-01",
      point: { x: 1.5 },
    };
    expect(schemaProblems(value, schema)).toEqual([]);
  });

  it("names the path and the rule of every problem", () => {
    const value = {
      city: "o",
      days: 8.5,
      unit: "kelvin",
      tags: ["a", "a", "b"],
      when: "May 1",
      point: {},
      extra: 1,
    };
    expect(schemaProblems(value, schema)).toEqual([
      "$.city: shorter than 2",
      "$.city: does not match ^\\p{Lu}",
      "$.days: expected integer",
      "$.days: not below 8",
      "$.days: not a multiple of 1",
      '$.unit: "kelvin" is not one of ["celsius","fahrenheit"]',
      "$.tags: more than 2 items",
      "$.tags: items repeat",
      "$.when: is not a date",
      "$.point: lacks the required property x",
      "$: has the property extra, which is not allowed",
    ]);
    expect(schemaProblems({}, schema)).toEqual([
      "$: lacks the required property city",
      "$: lacks the required property days",
    ]);
  });

  it("counts anyOf and oneOf branches", () => {
    expect(schemaProblems(1, { anyOf: [{ type: "string" }, { type: "null" }] })).toEqual([
      "$: fits 0 of the anyOf branches",
    ]);
    expect(schemaProblems(1, { oneOf: [{ type: "integer" }, { type: "number" }] })).toEqual([
      "$: fits 2 of the oneOf branches",
    ]);
  });
});
