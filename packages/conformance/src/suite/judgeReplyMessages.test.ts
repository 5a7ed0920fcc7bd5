import { describe, expect, it } from "vitest";
import { judgeReply } from "./judgeReply";

const request = { model: "m", messages: [{ role: "user", content: "Hi" }] };
const reply = (text: string) => ({
  id: "r",
  finish_reason: "COMPLETE",
  message: { role: "assistant", content: [{ type: "text", text }] },
  usage: { tokens: { input_tokens: 1, output_tokens: 1 } },
});

describe("messages that say why a value is wrong", () => {
  it("says usage tokens sent as strings are strings, not numbers", () => {
    const stringly = { ...reply("Hi"), usage: { tokens: { input_tokens: "7", output_tokens: "3" } } };
    const usage = judgeReply(stringly, { request, mode: "plain" }).find((r) => r.id === "reply.usage");
    expect(usage?.message).toBe(
      'usage.tokens.input_tokens is the string "7", not a number; a model reads at least one token',
    );
    expect(usage?.diffs).toEqual([
      { path: "$.usage.tokens.input_tokens", expected: "a number > 0", received: "7" },
    ]);
  });

  it("says tool arguments sent as an object are an object, not a string of JSON", () => {
    const tools = [{ type: "function", function: { name: "weather", parameters: { type: "object" } } }];
    const call = { id: "c", type: "function", function: { name: "weather", arguments: { city: "Toronto" } } };
    const withCall = {
      ...reply(""),
      finish_reason: "TOOL_CALL",
      message: { role: "assistant", tool_plan: "Look it up.", tool_calls: [call] },
    };
    const args = judgeReply(withCall, { request: { ...request, tools }, mode: "plain" }).find(
      (r) => r.id === "reply.tool-arguments",
    );
    expect(args?.message).toBe(
      '$.message.tool_calls[0].function.arguments is an object, not a string of JSON: {"city":"Toronto"}',
    );
  });
});
