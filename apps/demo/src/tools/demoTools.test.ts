import { createSimulatedProvider } from "@parley/conformance";
import type { ChatResponse, ToolContext } from "@parley/core";
import { describe, expect, it } from "vitest";
import { demoTools } from "./demoTools";

const context = {} as ToolContext;
const run = (name: string, args: Record<string, unknown>) => demoTools[name]!.execute!(args, context);

/** Asks the offline (simulated) provider with the demo's tools, then runs the tool it calls, as the demo does. */
async function offline(prompt: string) {
  const fetch = createSimulatedProvider({ tokensPerSecond: 0, firstTokenDelayMs: 0 });
  const tools = Object.entries(demoTools).map(([name, tool]) => ({
    type: "function" as const,
    function: { name, description: tool.description, parameters: tool.parameters },
  }));
  const response = await fetch("http://offline.test/v2/chat", {
    method: "POST",
    body: JSON.stringify({
      model: "command-a-03-2025",
      messages: [{ role: "user", content: prompt }],
      tools,
    }),
  });
  const call = ((await response.json()) as ChatResponse).message.tool_calls?.[0];
  if (!call) throw new Error(`no tool call for ${JSON.stringify(prompt)}`);
  return { name: call.function.name, result: run(call.function.name, JSON.parse(call.function.arguments)) };
}

describe("demoTools", () => {
  it("the calculator evaluates the expression it is given", () => {
    expect(run("calculator", { expression: "(12 + 3) * 4" })).toEqual({
      title: "calculator: (12 + 3) * 4",
      expression: "(12 + 3) * 4",
      result: 60,
    });
  });

  it("the calculator answers a bad expression with an error the model can read, instead of throwing", () => {
    expect(run("calculator", { expression: "calculator" })).toEqual({
      title: "calculator: calculator",
      expression: "calculator",
      error: 'unknown name at "calculator" (position 1)',
    });
  });

  it("the clock reads the time in the zone asked for", () => {
    const result = run("get_current_time", { time_zone: "Asia/Tokyo" }) as Record<string, string>;
    expect(result.time_zone).toBe("Asia/Tokyo");
    expect(result.title).toBe("get_current_time: Asia/Tokyo");
    expect(result.time).toMatch(/\d{1,2}:\d{2}/);
  });

  it("the clock says so when the zone does not exist", () => {
    expect(run("get_current_time", { time_zone: "Mars/Olympus" })).toEqual({
      title: "get_current_time: Mars/Olympus",
      error: 'unknown time zone "Mars/Olympus"',
    });
  });

  it.each([
    ["What is (12 + 3) * 4?", 60],
    ["What is 17 times 3?", 51],
    ["What's 15% of 80?", 12],
    ["Use the calculator: square root of 144 plus 1", 13],
  ])(
    "offline, the calculator computes %j (the simulated provider sends it the expression)",
    async (prompt, value) => {
      const { name, result } = await offline(prompt);
      expect(name).toBe("calculator");
      expect(result).toMatchObject({ result: value });
    },
  );

  it("offline, the clock reads the time in the city the prompt names", async () => {
    const { name, result } = await offline("What time is it in Tokyo?");
    expect(name).toBe("get_current_time");
    expect(result).toMatchObject({ time_zone: "Asia/Tokyo", title: "get_current_time: Asia/Tokyo" });
    expect(result).not.toHaveProperty("error");
  });
});
