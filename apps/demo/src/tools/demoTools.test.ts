import { createSimulatedProvider } from "@parley/conformance";
import type { ChatResponse, ToolContext, TypedTool } from "@parley/core";
import { describe, expect, it } from "vitest";
import { demoTools } from "./demoTools";

const context = {} as ToolContext;

/** What the chat store does with a call: check the arguments against the schema, then run the tool. */
async function call<Args>(tool: TypedTool<Args>, args: unknown): Promise<unknown> {
  const parsed = await tool.parseArguments!(args);
  return parsed.error ?? tool.execute!(parsed.args, context);
}

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
  const toolCall = ((await response.json()) as ChatResponse).message.tool_calls?.[0];
  if (!toolCall) throw new Error(`no tool call for ${JSON.stringify(prompt)}`);
  const tool = demoTools[toolCall.function.name as keyof typeof demoTools] as TypedTool<unknown>;
  return { name: toolCall.function.name, result: await call(tool, JSON.parse(toolCall.function.arguments)) };
}

describe("demoTools", () => {
  it("sends each tool's parameters as JSON Schema, with the calculator's expression required", () => {
    expect(demoTools.calculator.parameters).toMatchObject({
      type: "object",
      properties: { expression: { type: "string", description: "For example (12 + 3) * 4" } },
      required: ["expression"],
    });
    expect(demoTools.get_current_time.parameters).toMatchObject({
      type: "object",
      properties: { time_zone: { type: "string" } },
    });
    expect(demoTools.get_current_time.parameters.required ?? []).toEqual([]);
  });

  it("the calculator evaluates the expression it is given", async () => {
    expect(await call(demoTools.calculator, { expression: "(12 + 3) * 4" })).toEqual({
      title: "calculator: (12 + 3) * 4",
      expression: "(12 + 3) * 4",
      result: 60,
    });
  });

  it("the calculator answers a bad expression with an error the model can read, instead of throwing", async () => {
    expect(await call(demoTools.calculator, { expression: "calculator" })).toEqual({
      title: "calculator: calculator",
      expression: "calculator",
      error: 'unknown name at "calculator" (position 1)',
    });
  });

  it("the calculator never runs on arguments that do not fit its schema: the model gets the failing path", async () => {
    const result = (await call(demoTools.calculator, { expression: 12 })) as {
      error: string;
      issues: Array<{ path: string }>;
    };
    expect(result.error).toMatch(/^The arguments do not fit the tool's parameters: expression: /);
    expect(result.issues.map((issue) => issue.path)).toEqual(["expression"]);
    expect(await call(demoTools.calculator, {})).toHaveProperty("issues", [
      expect.objectContaining({ path: "expression" }),
    ]);
  });

  it("the clock reads the time in the zone asked for", async () => {
    const result = (await call(demoTools.get_current_time, { time_zone: "Asia/Tokyo" })) as Record<
      string,
      string
    >;
    expect(result.time_zone).toBe("Asia/Tokyo");
    expect(result.title).toBe("get_current_time: Asia/Tokyo");
    expect(result.time).toMatch(/\d{1,2}:\d{2}/);
  });

  it("the clock reads the local zone when none, or a blank one, is asked for", async () => {
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(await call(demoTools.get_current_time, {})).toHaveProperty("time_zone", local);
    expect(await call(demoTools.get_current_time, { time_zone: "" })).toHaveProperty("time_zone", local);
  });

  it("the clock says so when the zone does not exist", async () => {
    expect(await call(demoTools.get_current_time, { time_zone: "Mars/Olympus" })).toEqual({
      title: "get_current_time: Mars/Olympus",
      error: 'unknown time zone "Mars/Olympus"',
    });
  });

  it("the clock refuses a time zone that is not a string", async () => {
    expect(await call(demoTools.get_current_time, { time_zone: 9 })).toHaveProperty("issues", [
      expect.objectContaining({ path: "time_zone" }),
    ]);
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
