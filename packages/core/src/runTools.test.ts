import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ClientV2 } from "./client";
import { AbortError, ValidationError } from "./errors";
import { runTools } from "./runTools";
import { fakeFetch, jsonResponse } from "./test/fakeFetch";
import { tool } from "./tool";
import type { ChatMessage } from "./types";

const request = {
  model: "command-a",
  messages: [{ role: "user" as const, content: "Weather in Paris and Oslo?" }],
};

function callsReply(calls: Array<{ id: string; name: string; args: string }>) {
  return jsonResponse({
    id: "r-tools",
    finish_reason: "TOOL_CALL",
    message: {
      role: "assistant",
      tool_plan: "I will look both up.",
      tool_calls: calls.map((call) => ({
        id: call.id,
        type: "function",
        function: { name: call.name, arguments: call.args },
      })),
    },
  });
}

const textReply = (text: string) =>
  jsonResponse({
    id: "r-text",
    finish_reason: "COMPLETE",
    message: { role: "assistant", content: [{ type: "text", text }] },
  });

const weather = (execute = vi.fn(async ({ city }: { city: string }) => ({ city, temp_c: city.length }))) => ({
  execute,
  tool: tool({ description: "Weather", parameters: z.object({ city: z.string() }), execute }),
});

describe("runTools", () => {
  it("runs the calls in parallel, sends the results, and stops at a reply that calls no tool", async () => {
    const fetch = fakeFetch(
      callsReply([
        { id: "c1", name: "weather", args: '{"city":"Paris"}' },
        { id: "c2", name: "weather", args: '{"city":"Oslo"}' },
      ]),
      textReply("Paris 5, Oslo 4."),
    );
    const client = new ClientV2({ apiKey: "", fetch });
    let running = 0;
    let most = 0;
    const { tool: weatherTool } = weather(
      vi.fn(async ({ city }: { city: string }) => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return { city, temp_c: city.length };
      }),
    );
    const onStep = vi.fn();
    const result = await client.runTools({ ...request, tools: { weather: weatherTool }, onStep });
    expect(most).toBe(2);
    expect(fetch.calls[0]!.body.tools).toEqual([
      {
        type: "function",
        function: { name: "weather", parameters: weatherTool.parameters, description: "Weather" },
      },
    ]);
    expect(fetch.calls[0]!.body).not.toHaveProperty("onStep");
    const expected: ChatMessage[] = [
      request.messages[0]!,
      {
        role: "assistant",
        tool_plan: "I will look both up.",
        tool_calls: [
          { id: "c1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
          { id: "c2", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } },
        ],
      },
      {
        role: "tool",
        tool_call_id: "c1",
        content: [{ type: "document", document: { data: { city: "Paris", temp_c: 5 } } }],
      },
      {
        role: "tool",
        tool_call_id: "c2",
        content: [{ type: "document", document: { data: { city: "Oslo", temp_c: 4 } } }],
      },
    ];
    expect(fetch.calls[1]!.body.messages).toEqual(expected);
    expect(result.response.finish_reason).toBe("COMPLETE");
    expect(result.messages).toEqual([
      ...expected,
      { role: "assistant", content: [{ type: "text", text: "Paris 5, Oslo 4." }] },
    ]);
    expect(
      result.steps.map((step) => [step.response.id, step.toolCalls.length, step.toolResults.length]),
    ).toEqual([
      ["r-tools", 2, 2],
      ["r-text", 0, 0],
    ]);
    expect(onStep.mock.calls.map(([step]) => step)).toEqual(result.steps);
  });

  it("answers arguments that break the schema, or are not JSON, without calling execute, so the model can retry", async () => {
    const fetch = fakeFetch(
      callsReply([
        { id: "c1", name: "weather", args: '{"town":"Paris"}' },
        { id: "c2", name: "weather", args: "{city: Oslo}" },
      ]),
      callsReply([{ id: "c3", name: "weather", args: '{"city":"Paris"}' }]),
      textReply("5 degrees."),
    );
    const { tool: weatherTool, execute } = weather();
    const result = await runTools(new ClientV2({ apiKey: "", fetch }), {
      ...request,
      tools: { weather: weatherTool },
    });
    expect(execute).toHaveBeenCalledOnce();
    expect(execute.mock.calls[0]![0]).toEqual({ city: "Paris" });
    expect(result.steps[0]!.toolResults.map((message) => message.content)).toEqual([
      [
        {
          type: "document",
          document: {
            data: {
              error:
                "The arguments do not fit the tool's parameters: city: Invalid input: expected string, received undefined",
              issues: [{ path: "city", message: "Invalid input: expected string, received undefined" }],
            },
          },
        },
      ],
      [{ type: "document", document: { data: { error: "The arguments are not valid JSON: {city: Oslo}" } } }],
    ]);
    expect(result.steps).toHaveLength(3);
  });

  it("stops after maxSteps requests, with the last tool results in messages", async () => {
    const fetch = fakeFetch(
      callsReply([{ id: "c1", name: "weather", args: '{"city":"Paris"}' }]),
      callsReply([{ id: "c2", name: "weather", args: '{"city":"Paris"}' }]),
    );
    const result = await runTools(new ClientV2({ apiKey: "", fetch }), {
      ...request,
      tools: { weather: weather().tool },
      maxSteps: 2,
    });
    expect(fetch.calls).toHaveLength(2);
    expect(result.response.finish_reason).toBe("TOOL_CALL");
    expect(result.messages.at(-1)).toMatchObject({ role: "tool", tool_call_id: "c2" });
  });

  it("hands back calls to a tool without execute, and answers calls to a tool that does not exist", async () => {
    const fetch = fakeFetch(
      callsReply([{ id: "c1", name: "forecast", args: "{}" }]),
      callsReply([{ id: "c2", name: "confirm", args: "{}" }]),
    );
    const result = await runTools(new ClientV2({ apiKey: "", fetch }), {
      ...request,
      tools: { weather: weather().tool, confirm: { description: "Ask the user" } },
    });
    expect(result.steps[0]!.toolResults[0]!.content).toEqual([
      {
        type: "document",
        document: { data: { error: "There is no tool named forecast; the tools are weather, confirm" } },
      },
    ]);
    expect(fetch.calls).toHaveLength(2);
    expect(result.steps[1]!.toolResults).toEqual([]);
    expect(result.messages.at(-1)).toMatchObject({ role: "assistant", tool_calls: [{ id: "c2" }] });
  });

  it("gives tools the signal and the conversation; aborting rejects with AbortError", async () => {
    const controller = new AbortController();
    const fetch = fakeFetch(callsReply([{ id: "c1", name: "slow", args: "{}" }]));
    const slow = vi.fn(
      async (
        _args: Record<string, unknown>,
        context: { signal: AbortSignal; messages: readonly { role: string }[] },
      ) => {
        expect(context.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
        controller.abort();
        expect(context.signal.aborted).toBe(true);
        return "late";
      },
    );
    const running = runTools(
      new ClientV2({ apiKey: "", fetch }),
      { ...request, tools: { slow: { execute: slow } } },
      {
        signal: controller.signal,
      },
    );
    await expect(running).rejects.toThrow(AbortError);
    expect(slow).toHaveBeenCalledOnce();
    expect(fetch.calls).toHaveLength(1);
  });

  it("rejects at once on abort, without waiting for a tool that ignores its signal", async () => {
    const controller = new AbortController();
    const fetch = fakeFetch(callsReply([{ id: "c1", name: "stuck", args: "{}" }]));
    let started!: () => void;
    const toolStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const stuck = () => {
      started();
      return new Promise<never>(() => {}); // never settles, and never looks at the signal
    };
    const running = runTools(
      new ClientV2({ apiKey: "", fetch }),
      { ...request, tools: { stuck: { execute: stuck } } },
      { signal: controller.signal },
    );
    await toolStarted;
    controller.abort();
    await expect(running).rejects.toThrow(AbortError);
    expect(fetch.calls).toHaveLength(1);
  });

  it("refuses a maxSteps that is not a whole number of at least 1", async () => {
    const client = new ClientV2({ apiKey: "", fetch: fakeFetch() });
    await expect(runTools(client, { ...request, tools: {}, maxSteps: 0 })).rejects.toThrow(ValidationError);
  });
});
