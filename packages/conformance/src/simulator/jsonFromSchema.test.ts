import { describe, expect, it } from "vitest";
import { jsonFromSchema } from "./jsonFromSchema";

const seed = { word: "Toronto", number: 3 };

describe("jsonFromSchema", () => {
  it("builds an object of the required properties from the prompt's word and number", () => {
    const schema = {
      type: "object",
      properties: {
        city: { type: "string" },
        days: { type: "integer", maximum: 2 },
        unit: { type: "string" },
      },
      required: ["city", "days"],
    };
    expect(jsonFromSchema(schema, seed, true)).toEqual({ city: "Toronto", days: 2 });
    expect(jsonFromSchema(schema, seed)).toEqual({ city: "Toronto", days: 2, unit: "Toronto" });
  });

  it("prefers const, then enum, then the schema's default, then its first example", () => {
    expect(jsonFromSchema({ type: "string", const: "x", enum: ["y"] }, seed)).toBe("x");
    expect(jsonFromSchema({ type: "string", enum: ["celsius", "kelvin"], default: "kelvin" }, seed)).toBe(
      "celsius",
    );
    expect(jsonFromSchema({ type: "string", default: "2 + 2", examples: ["1 + 1"] }, seed)).toBe("2 + 2");
    expect(jsonFromSchema({ type: "string", examples: ["12 * 7"] }, seed)).toBe("12 * 7");
  });

  it("fills arrays to minItems and accepts the Python-style type names some callers send", () => {
    expect(jsonFromSchema({ type: "array", items: { type: "bool" }, minItems: 2 }, seed)).toEqual([
      true,
      true,
    ]);
    expect(jsonFromSchema({ type: "float", minimum: 5 }, seed)).toBe(5);
  });
});
