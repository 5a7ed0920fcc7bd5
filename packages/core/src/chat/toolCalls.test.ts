import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { textReply, toolCallReply } from "../test/chatServer";
import { settle, setupChat } from "../test/chatSetup";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const setup = setupChat;

const weatherCall = { id: "call_1", name: "weather", args: '{"city":"Paris"}' };

describe("tools", () => {
  it("runs tools with execute, sends their results back as tool messages, and continues", async () => {
    const execute = vi.fn(async (args: Record<string, unknown>) => ({ city: args.city, temp_c: 21 }));
    const { server, chat, history, onFinish } = setup({
      tools: { weather: { description: "Weather", parameters: { type: "object" }, execute } },
    });
    const sent = chat.send("Weather?");
    await settle();
    expect(server.requests[0]!.body.tools).toEqual([
      {
        type: "function",
        function: { name: "weather", description: "Weather", parameters: { type: "object" } },
      },
    ]);
    server.requests[0]!.send(...toolCallReply([weatherCall]));
    server.requests[0]!.done();
    await settle();
    expect(execute).toHaveBeenCalledWith(
      { city: "Paris" },
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
    expect(server.requests[1]!.body.messages).toEqual([
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        tool_plan: "I will use tools.",
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
        ],
      },
      {
        role: "tool",
        tool_call_id: "call_1",
        content: [{ type: "document", document: { data: { city: "Paris", temp_c: 21 } } }],
      },
    ]);
    server.requests[1]!.send(...textReply(["21 °C"]));
    server.requests[1]!.done();
    await sent;
    const tool = 'tool(call_1):[{"type":"document","document":{"data":{"city":"Paris","temp_c":21}}}]';
    expect(history.lines).toEqual([
      "submitted | user:Weather?",
      // The plan shows first, then the call as it starts and as its arguments arrive (throttleMs: 0).
      "streaming | user:Weather? | assistant[streaming]: plan:I will use tools.",
      "streaming | user:Weather? | assistant[streaming]: plan:I will use tools. calls:weather",
      "streaming | user:Weather? | assistant[streaming]: plan:I will use tools. calls:weather",
      // The finished reply shows while its tool runs; the result arrives with the next request.
      "streaming | user:Weather? | assistant[complete]: plan:I will use tools. calls:weather",
      `submitted | user:Weather? | assistant[complete]: plan:I will use tools. calls:weather | ${tool}`,
      `streaming | user:Weather? | assistant[complete]: plan:I will use tools. calls:weather | ${tool} | assistant[streaming]:21 °C`,
      `ready | user:Weather? | assistant[complete]: plan:I will use tools. calls:weather | ${tool} | assistant[complete]:21 °C`,
    ]);
    expect(onFinish).toHaveBeenCalledOnce();
    expect(onFinish.mock.calls[0]![1].reason).toBe("complete");
  });

  it("stops looping after maxSteps requests", async () => {
    const { server, chat } = setup({ maxSteps: 2, tools: { weather: { execute: () => "sunny" } } });
    const sent = chat.send("Weather?");
    for (let i = 0; i < 2; i++) {
      await settle();
      server.requests[i]!.send(...toolCallReply([{ ...weatherCall, id: `call_${i}` }]));
      server.requests[i]!.done();
    }
    await sent;
    expect(server.requests).toHaveLength(2);
    expect(chat.getSnapshot().status).toBe("ready");
    expect(chat.getSnapshot().messages.at(-1)).toMatchObject({
      role: "tool",
      tool_call_id: "call_1",
      content: "sunny",
    });
  });

  it("waits for addToolResult on tools without execute; repeats are ignored", async () => {
    const { server, chat, history } = setup({ tools: { confirm: { description: "Ask the user" } } });
    const sent = chat.send("Book it");
    await settle();
    server.requests[0]!.send(...toolCallReply([{ id: "call_9", name: "confirm", args: "{}" }]));
    server.requests[0]!.done();
    await sent;
    expect(chat.getSnapshot()).toMatchObject({ status: "ready", pendingToolCalls: [{ id: "call_9" }] });
    await expect(chat.send("Hello?")).rejects.toThrow(/waits for tool results \(call_9\)/);
    expect(() => chat.addToolResult("call_x", "yes")).toThrow('no tool call "call_x"');

    chat.addToolResult("call_9", "yes");
    chat.addToolResult("call_9", "no");
    await settle();
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.body.messages).toContainEqual({
      role: "tool",
      tool_call_id: "call_9",
      content: "yes",
    });
    server.requests[1]!.send(...textReply(["Booked."]));
    server.requests[1]!.done();
    await settle();
    const turn = "user:Book it | assistant[complete]: plan:I will use tools. calls:confirm";
    expect(history.lines.slice(-4)).toEqual([
      `ready | ${turn} | pending:call_9`,
      `submitted | ${turn} | tool(call_9):yes`,
      `streaming | ${turn} | tool(call_9):yes | assistant[streaming]:Booked.`,
      `ready | ${turn} | tool(call_9):yes | assistant[complete]:Booked.`,
    ]);
    expect(chat.getSnapshot().messages.filter((m) => m.role === "tool")).toHaveLength(1);
  });

  it("stop() while waiting for a tool result abandons the call; the next request leaves it out", async () => {
    const { server, chat } = setup();
    const sent = chat.send("Book it");
    await settle();
    server.requests[0]!.send(...toolCallReply([{ id: "call_9", name: "confirm", args: "{}" }]));
    server.requests[0]!.done();
    await sent;
    chat.stop();
    expect(chat.getSnapshot()).toMatchObject({ status: "ready", pendingToolCalls: [] });
    expect(chat.getSnapshot().messages[1]).toMatchObject({ status: "stopped" });
    const next = chat.send("Never mind");
    await settle();
    expect(server.requests[1]!.body.messages).toEqual([
      { role: "user", content: "Book it" },
      { role: "user", content: "Never mind" },
    ]);
    chat.stop();
    await next;
  });

  it("stop() during a tool call aborts its signal, reaches ready at once and drops its late result", async () => {
    let signal: AbortSignal | undefined;
    let finishTool!: (value: string) => void;
    const { server, chat, onFinish } = setup({
      tools: {
        weather: {
          execute: (_args, context) => {
            signal = context.signal;
            return new Promise<string>((resolve) => {
              finishTool = resolve;
            });
          },
        },
      },
    });
    const sent = chat.send("Weather?");
    await settle();
    server.requests[0]!.send(...toolCallReply([weatherCall]));
    server.requests[0]!.done();
    await settle();
    expect(chat.getSnapshot().status).toBe("streaming");
    chat.stop();
    expect(chat.getSnapshot().status).toBe("ready");
    expect(signal?.aborted).toBe(true);
    finishTool("sunny");
    await sent;
    await settle();
    expect(server.requests).toHaveLength(1);
    expect(chat.getSnapshot().messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(chat.getSnapshot().messages[1]).toMatchObject({ status: "stopped" });
    expect(onFinish.mock.calls.map((call) => call[1].reason)).toEqual(["stopped"]);
  });

  it("a tool that throws, or arguments that are not JSON, go back to the model as the tool's error", async () => {
    const { server, chat } = setup({
      tools: {
        weather: {
          execute: () => {
            throw new Error("station offline");
          },
        },
      },
    });
    const sent = chat.send("Weather?");
    await settle();
    server.requests[0]!.send(
      ...toolCallReply([weatherCall, { id: "call_2", name: "weather", args: "{oops" }]),
    );
    server.requests[0]!.done();
    await settle();
    const tools = (server.requests[1]!.body.messages as Array<{ role: string }>).filter(
      (m) => m.role === "tool",
    );
    expect(tools).toEqual([
      {
        role: "tool",
        tool_call_id: "call_1",
        content: [{ type: "document", document: { data: { error: "station offline" } } }],
      },
      {
        role: "tool",
        tool_call_id: "call_2",
        content: [
          { type: "document", document: { data: { error: "The arguments are not valid JSON: {oops" } } },
        ],
      },
    ]);
    chat.stop();
    await sent;
  });
});
