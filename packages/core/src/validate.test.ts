import { describe, expect, it } from "vitest";
import { ValidationError } from "./errors";
import type { ChatRequest } from "./types";
import { validateRequest } from "./validate";

const model = "command-a-03-2025";
const call = {
  id: "get_weather_4ms7z1x2q0ab",
  type: "function" as const,
  function: { name: "get_weather", arguments: '{"city":"Toronto"}' },
};

/** The request with `patch` merged over a valid one-turn request. */
function request(patch: Record<string, unknown>): ChatRequest {
  return { model, messages: [{ role: "user", content: "Hi" }], ...patch } as ChatRequest;
}

function refusal(body: ChatRequest): { path: string; rule: string } {
  try {
    validateRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const { path, rule, message } = error as ValidationError;
    expect(message).toBe(`${path}: ${rule}`);
    return { path, rule };
  }
  throw new Error("expected a ValidationError");
}

describe("validateRequest refuses what the API refuses, naming the path and the rule", () => {
  it.each([
    ["an unknown role", { messages: [{ role: "robot", content: "x" }] }, "messages[0].role", /"robot"/],
    ["a missing content", { messages: [{ role: "user" }] }, "messages[0].content", /is required/],
    ["an empty string", { messages: [{ role: "user", content: "" }] }, "messages[0].content", /empty/],
    ["an empty part list", { messages: [{ role: "system", content: [] }] }, "messages[0].content", /empty/],
    [
      "a part without a type",
      { messages: [{ role: "user", content: [{ text: "x" }] }] },
      "messages[0].content[0].type",
      /string/,
    ],
    ["a number as content", { messages: [{ role: "user", content: 5 }] }, "messages[0].content", /string/],
    [
      "an empty assistant turn",
      { messages: [{ role: "user", content: "a" }, { role: "assistant" }] },
      "messages[1].content",
      /without tool_calls/,
    ],
    [
      "a tool message without tool_call_id",
      {
        messages: [
          { role: "user", content: "a" },
          { role: "assistant", tool_calls: [call] },
          { role: "tool", content: "21C" },
        ],
      },
      "messages[2].tool_call_id",
      /is required/,
    ],
    [
      "a tool_call_id no earlier tool_calls holds",
      {
        messages: [
          { role: "user", content: "a" },
          { role: "tool", tool_call_id: "nope", content: "x" },
        ],
      },
      "messages[1].tool_call_id",
      /"nope" matches no earlier tool call/,
    ],
    [
      "a tool result that comes before its call",
      {
        messages: [
          { role: "user", content: "a" },
          { role: "tool", tool_call_id: call.id, content: "x" },
          { role: "assistant", tool_calls: [call] },
        ],
      },
      "messages[1].tool_call_id",
      /matches no earlier tool call/,
    ],
    [
      "duplicate tool call ids",
      {
        messages: [
          { role: "user", content: "a" },
          { role: "assistant", tool_calls: [call, call] },
        ],
      },
      "messages[1].tool_calls[1].id",
      /duplicate id/,
    ],
    [
      "a tool call that is not a function",
      {
        messages: [
          { role: "user", content: "a" },
          { role: "assistant", tool_calls: [{ ...call, type: "x" }] },
        ],
      },
      "messages[1].tool_calls[0].type",
      /function/,
    ],
    [
      "a system message after other turns",
      {
        messages: [
          { role: "user", content: "a" },
          { role: "system", content: "late" },
        ],
      },
      "messages[1].role",
      /must come first/,
    ],
    ["temperature above 1", { temperature: 1.5 }, "temperature", /from 0 to 1, not 1.5/],
    ["a negative temperature", { temperature: -0.1 }, "temperature", /from 0 to 1/],
    ["temperature as a string", { temperature: "0.3" }, "temperature", /a number/],
    ["p of 1", { p: 1 }, "p", /from 0.01 to 0.99/],
    ["p of 0", { p: 0 }, "p", /from 0.01 to 0.99/],
    ["k above 500", { k: 501 }, "k", /an integer from 0 to 500/],
    ["a fractional k", { k: 2.5 }, "k", /an integer/],
    ["frequency_penalty above 1", { frequency_penalty: 2 }, "frequency_penalty", /from 0 to 1/],
    ["a negative presence_penalty", { presence_penalty: -1 }, "presence_penalty", /from 0 to 1/],
    [
      "six stop sequences",
      { stop_sequences: ["a", "b", "c", "d", "e", "f"] },
      "stop_sequences",
      /at most 5, not 6/,
    ],
    ["a stop sequence that is not a string", { stop_sequences: [1] }, "stop_sequences", /strings/],
    [
      "a tool name with a dash",
      { tools: [{ type: "function", function: { name: "get-weather", parameters: {} } }] },
      "tools[0].function.name",
      /must match .*"get-weather"/,
    ],
    [
      "a tool name that begins with a digit",
      { tools: [{ type: "function", function: { name: "2fast", parameters: {} } }] },
      "tools[0].function.name",
      /A-Za-z_/,
    ],
    ["a tool without a function", { tools: [{ type: "function" }] }, "tools[0].function", /object/],
    ["a missing model", { model: undefined }, "model", /non-empty string/],
    ["no messages", { messages: [] }, "messages", /non-empty array/],
    ["a message that is not an object", { messages: ["hi"] }, "messages[0]", /object/],
  ])("%s", (_name, patch, path, rule) => {
    const found = refusal(request(patch));
    expect(found.path).toBe(path);
    expect(found.rule).toMatch(rule);
  });
});

describe("validateRequest lets through what real servers accept", () => {
  it.each([
    [
      "the docs' system message and four turns",
      {
        messages: [
          { role: "system", content: "You respond concisely, in about 5 words or less" },
          {
            role: "user",
            content: "Write a title for a blog post about API design. Only output the title text.",
          },
          { role: "assistant", content: "Designing Perfect APIs" },
          { role: "user", content: "Another one about generative AI." },
        ],
      },
    ],
    [
      "an assistant turn with only tool_calls, and the tool loop",
      {
        messages: [
          { role: "user", content: "Weather in Toronto?" },
          { role: "assistant", tool_plan: "I will look it up.", tool_calls: [call] },
          {
            role: "tool",
            tool_call_id: call.id,
            content: [{ type: "document", document: { data: { temp_c: 21 } } }],
          },
        ],
      },
    ],
    [
      "a tool document.data given as a string",
      {
        messages: [
          { role: "user", content: "What is 2 + 3?" },
          { role: "assistant", tool_calls: [call] },
          {
            role: "tool",
            tool_call_id: call.id,
            content: [{ type: "document", document: { data: '[{"output": "5"}]' } }],
          },
        ],
      },
    ],
    [
      "a single content part given without an array",
      {
        messages: [{ role: "user", content: { type: "text", text: "Hi" } }],
      },
    ],
    [
      "several leading system messages",
      {
        messages: [
          { role: "system", content: "Be brief." },
          { role: "system", content: [{ type: "text", text: "Be kind." }] },
          { role: "user", content: "Hi" },
        ],
      },
    ],
    [
      "any JSON inside a tool's parameters, and a tool without parameters",
      {
        tools: [
          {
            type: "function",
            function: { name: "_x9", parameters: { anything: [1, { deep: null }], type: 42 } },
          },
          { type: "function", function: { name: "now" } },
        ],
      },
    ],
    [
      "range edges and unknown fields",
      {
        temperature: 0,
        p: 0.99,
        k: 0,
        frequency_penalty: 1,
        presence_penalty: 0,
        stop_sequences: ["a", "b", "c", "d", "e"],
        some_future_field: { x: 1 },
      },
    ],
    [
      "an image part",
      {
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "What is this?" },
              { type: "image_url", image_url: { url: "data:image/png;base64,AA" } },
            ],
          },
        ],
      },
    ],
  ])("%s", (_name, patch) => {
    expect(() => validateRequest(request(patch))).not.toThrow();
  });
});
