import type { Tool } from "@parley/core";

// Scenario data written once, shared by the suite's built-in cases and the authored corpus
// (scripts/buildCorpus.ts), so the two never drift apart.

/** The weather tool of the tool-call scenarios. */
export const WEATHER_TOOL: Tool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string", description: "The city name" } },
      required: ["city"],
    },
  },
};

/** The question that calls for it. */
export const WEATHER_QUESTION = "What is the weather in Toronto right now?";

/** The call a model makes for it, and what the tool returns. */
export const WEATHER_CALL = { name: "get_weather", arguments: '{"city":"Toronto"}' } as const;
export const WEATHER_RESULT = { temperature_c: 21, sky: "clear" } as const;
