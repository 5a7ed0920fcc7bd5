import { describe, expect, it } from "vitest";
import { isChatResponse } from "./isChatResponse";

describe("isChatResponse", () => {
  it("accepts an object with a message object and a string finish_reason", () => {
    expect(isChatResponse({ id: "x", message: { role: "assistant" }, finish_reason: "COMPLETE" })).toBe(true);
  });

  it("refuses values that are not replies", () => {
    for (const value of [
      null,
      "text",
      3,
      [],
      {},
      { message: null, finish_reason: "COMPLETE" },
      { message: {} },
    ]) {
      expect(isChatResponse(value)).toBe(false);
    }
    expect(isChatResponse({ message: "hi", finish_reason: "COMPLETE" })).toBe(false);
    expect(isChatResponse({ message: {}, finish_reason: 1 })).toBe(false);
  });
});
