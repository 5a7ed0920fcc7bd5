import { describe, expect, it } from "vitest";
import { assistantMessage, systemMessage, toolResult, userMessage } from "./builders";
import { validateRequest } from "./validate";

describe("builders", () => {
  it("build the same messages as the literals", () => {
    expect(systemMessage("Be brief.")).toEqual({ role: "system", content: "Be brief." });
    expect(userMessage("Hi")).toEqual({ role: "user", content: "Hi" });
    expect(assistantMessage("Hello!")).toEqual({ role: "assistant", content: "Hello!" });
  });

  it("send a string tool result as it is, and other results as citable documents", () => {
    expect(toolResult("call_1", '{"temp_c":21}')).toEqual({
      role: "tool",
      tool_call_id: "call_1",
      content: '{"temp_c":21}',
    });
    expect(toolResult("call_1", { temp_c: 21 })).toEqual({
      role: "tool",
      tool_call_id: "call_1",
      content: [{ type: "document", document: { data: { temp_c: 21 } } }],
    });
    expect(toolResult("call_1", [{ a: 1 }, 2]).content).toEqual([
      { type: "document", document: { data: { a: 1 } } },
      { type: "document", document: { data: { value: 2 } } },
    ]);
    expect(toolResult("call_1", []).content).toBe("[]");
  });

  it("make a tool loop that passes validation", () => {
    const call = { id: "call_1", type: "function" as const, function: { name: "now", arguments: "{}" } };
    expect(() =>
      validateRequest({
        model: "m",
        messages: [
          systemMessage("Be brief."),
          userMessage("Time?"),
          { role: "assistant", tool_calls: [call] },
          toolResult("call_1", { iso: "2026-01-01T00:00:00Z" }),
        ],
      }),
    ).not.toThrow();
  });
});

describe("toolResult with an empty output", () => {
  it("answers the call with a document the API accepts, not with empty content", () => {
    const message = toolResult("call_1", "");
    expect(message).toEqual({
      role: "tool",
      tool_call_id: "call_1",
      content: [{ type: "document", document: { data: { output: "" } } }],
    });
    expect(() =>
      validateRequest({
        model: "m",
        messages: [
          { role: "user", content: "x" },
          {
            role: "assistant",
            tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: "{}" } }],
          },
          message,
        ],
      }),
    ).not.toThrow();
  });
});
