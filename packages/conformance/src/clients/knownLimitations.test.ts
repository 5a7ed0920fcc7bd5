import type { ChatResponse } from "@parley/core";
import { describe, expect, it } from "vitest";
import { knownLimitation } from "./knownLimitations";

/** The AI SDK's error for a reply its schema refuses: the why (a zod issue list) is in `cause`. */
function validationError(...paths: Array<Array<string | number>>): Error {
  const list = paths.map((path) => ({ code: "invalid_type", path, message: "Invalid input" }));
  const issues = JSON.stringify(list, null, 2);
  return new Error("Invalid JSON response", {
    cause: new Error(`Type validation failed: Value: {"message":{}}.\nError message: ${issues}`),
  });
}

function replyCiting(source: Record<string, unknown>): ChatResponse {
  return {
    id: "r1",
    finish_reason: "COMPLETE",
    message: {
      role: "assistant",
      content: [{ type: "text", text: "It is 21 degrees." }],
      citations: [{ start: 6, end: 16, text: "21 degrees", sources: [source as never] }],
    },
    usage: { tokens: { input_tokens: 1, output_tokens: 5 } },
  };
}

const TOOL_SOURCE = { type: "tool", id: "get_weather_0:0", tool_output: { temperature: 21 } };
const DOCUMENT_PATH = ["message", "citations", 0, "sources", 0, "document"];

describe("knownLimitation", () => {
  it("names the AI SDK's plain call refusing a Cohere tool source without document", () => {
    const known = knownLimitation(
      "@ai-sdk/cohere",
      "plain",
      { error: validationError(DOCUMENT_PATH) },
      replyCiting(TOOL_SOURCE),
    );
    expect(known?.reason("4.0.52")).toBe(
      "fails against Cohere's own replies too: @ai-sdk/cohere 4.0.52 requires sources[].document on every citation, which Cohere's tool sources lack",
    );
  });

  it("is no known limitation when the error, the reply, the client or the mode is another", () => {
    const error = { error: validationError(DOCUMENT_PATH) };
    const reply = replyCiting(TOOL_SOURCE);
    expect(
      knownLimitation(
        "@ai-sdk/cohere",
        "plain",
        { error: validationError(["message", "citations", 0, "start"]) },
        reply,
      ),
    ).toBeUndefined();
    expect(
      knownLimitation("@ai-sdk/cohere", "plain", { error: new Error("fetch failed") }, reply),
    ).toBeUndefined();
    // The sources carry a document: the SDK failing on it is something else.
    const documented = replyCiting({ type: "document", id: "d", document: { id: "d", text: "21" } });
    expect(knownLimitation("@ai-sdk/cohere", "plain", error, documented)).toBeUndefined();
    expect(knownLimitation("@ai-sdk/cohere", "plain", error, undefined)).toBeUndefined();
    expect(knownLimitation("@ai-sdk/cohere", "stream", error, reply)).toBeUndefined();
    expect(knownLimitation("cohere-ai", "plain", error, reply)).toBeUndefined();
  });

  it("names the AI SDK showing Cohere's TIMEOUT as other, and only when that is all that differs", () => {
    const timeout = { ...replyCiting(TOOL_SOURCE), finish_reason: "TIMEOUT" } as ChatResponse;
    const view = {
      text: "It is 21 degrees.",
      toolCalls: [],
      finishReason: "other",
      usage: { input: 1, output: 5 },
    };
    const result = (paths: string[]) => ({
      id: "sdk.reply",
      severity: "required" as const,
      status: "fail" as const,
      diffs: paths.map((path) => ({ path, expected: undefined, received: "other" })),
    });
    const seen = { view, result: result(["$.finishReason"]) };
    for (const mode of ["plain", "stream"] as const) {
      expect(knownLimitation("@ai-sdk/cohere", mode, seen, timeout)?.reason("4.0.52")).toBe(
        `fails against Cohere's own replies too: @ai-sdk/cohere 4.0.52 shows Cohere's finish reason TIMEOUT as "other"`,
      );
    }
    const alsoText = { view, result: result(["$.finishReason", "$.text"]) };
    expect(knownLimitation("@ai-sdk/cohere", "plain", alsoText, timeout)).toBeUndefined();
    const complete = { ...timeout, finish_reason: "COMPLETE" } as ChatResponse;
    expect(knownLimitation("@ai-sdk/cohere", "plain", seen, complete)).toBeUndefined();
    // With tool calls, "other" stops the AI SDK's tool loop: that is the provider's TIMEOUT, not Cohere's.
    const calling = {
      ...timeout,
      message: {
        role: "assistant",
        tool_calls: [{ id: "c1", type: "function", function: { name: "get_weather", arguments: "{}" } }],
      },
    } as ChatResponse;
    expect(knownLimitation("@ai-sdk/cohere", "plain", seen, calling)).toBeUndefined();
    expect(knownLimitation("@ai-sdk/cohere", "plain", { view, result: result([]) }, timeout)).toBeUndefined();
  });

  it("is no known limitation when the SDK also found another issue in the same reply", () => {
    const both = validationError(["message", "citations", 0, "text"], DOCUMENT_PATH);
    expect(
      knownLimitation("@ai-sdk/cohere", "plain", { error: both }, replyCiting(TOOL_SOURCE)),
    ).toBeUndefined();
  });
});
