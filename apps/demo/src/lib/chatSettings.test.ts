import { describe, expect, it } from "vitest";
import { defaultSettings, settingsToParams, settingsToTools } from "./chatSettings";
import { knowledgeBase } from "./knowledgeBase";

describe("settingsToParams", () => {
  it("sends the temperature and the documents by default, and leaves the rest to the API's defaults", () => {
    expect(settingsToParams(defaultSettings)).toEqual({ temperature: 0.3, documents: knowledgeBase });
  });

  it("sends max tokens only when it is a positive whole number", () => {
    expect(settingsToParams({ ...defaultSettings, maxTokens: "64" }).max_tokens).toBe(64);
    for (const maxTokens of ["", "0", "-3", "abc"]) {
      expect(settingsToParams({ ...defaultSettings, maxTokens })).not.toHaveProperty("max_tokens");
    }
  });

  it("reads one stop sequence per line, as typed, skipping blank lines and keeping at most five", () => {
    const stopSequences = "END\n\n  \n leading space\n3\n4\n5\n6";
    expect(settingsToParams({ ...defaultSettings, stopSequences }).stop_sequences).toEqual([
      "END",
      " leading space",
      "3",
      "4",
      "5",
    ]);
  });

  it("turns thinking on and documents off as asked", () => {
    const params = settingsToParams({ ...defaultSettings, thinking: true, documents: false });
    expect(params.thinking).toEqual({ type: "enabled" });
    expect(params).not.toHaveProperty("documents");
  });
});

describe("settingsToTools", () => {
  it("offers the browser tools only when tools are on", () => {
    expect(Object.keys(settingsToTools(defaultSettings))).toEqual(["get_current_time", "calculator"]);
    expect(settingsToTools({ ...defaultSettings, tools: false })).toEqual({});
  });
});
