import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ValidationError } from "../errors";
import { chatServer, textReply, toolCallReply } from "../test/chatServer";
import { settle, setupChat } from "../test/chatSetup";
import type { ChatMessage } from "../types";
import { createChat } from "./createChat";
import { parseChatMessages } from "./parseChatMessages";
import { toUIMessages } from "./toUIMessages";
import { toWireMessages } from "./wireRequest";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("saving and restoring a chat", () => {
  it("snapshot.messages survives JSON.stringify and comes back through createChat({ messages })", async () => {
    const { server, chat } = setupChat({ tools: { weather: { execute: () => ({ temp_c: 21 }) } } });
    const sent = chat.send({ content: "Weather?", documents: [{ id: "d1", data: { text: "Paris" } }] });
    await settle();
    server.requests[0]!.send(...toolCallReply([{ id: "call_1", name: "weather", args: '{"city":"Paris"}' }]));
    server.requests[0]!.done();
    await settle();
    server.requests[1]!.send(...textReply(["21 °C"]));
    server.requests[1]!.done();
    await sent;

    const saved = JSON.stringify(chat.getSnapshot().messages);
    const restored = createChat({ client: server.client, model: "command-a", messages: JSON.parse(saved) });
    expect(restored.getSnapshot().messages).toEqual(chat.getSnapshot().messages);

    const next = restored.send("And tomorrow?");
    await settle();
    expect(server.requests[2]!.body.messages).toEqual([
      ...(server.requests[1]!.body.messages as unknown[]),
      { role: "assistant", content: [{ type: "text", text: "21 °C" }] },
      { role: "user", content: "And tomorrow?" },
    ]);
    expect(server.requests[2]!.body.documents).toEqual([{ id: "d1", data: { text: "Paris" } }]);
    restored.stop();
    await next;
  });

  it("createChat names the path of the first mistake in what it loads", () => {
    const client = chatServer().client;
    const load = (messages: unknown) => () => createChat({ client, model: "m", messages: messages as never });
    expect(load({ role: "user" })).toThrow("options.messages: must be an array of messages");
    expect(
      load([
        { role: "user", content: "Hi" },
        { role: "robot", content: "x" },
      ]),
    ).toThrow('options.messages[1].role: must be "user", "assistant", "system" or "tool"');
    expect(load([{ role: "user", content: [{ type: "text", text: 5 }] }])).toThrow(
      "options.messages[0].content[0].text: must be a string",
    );
    expect(load([{ role: "user", content: [{ type: "document", document: {} }] }])).toThrow(
      "options.messages[0].content[0].type: must be one of text, image_url",
    );
    expect(
      load([
        { role: "user", content: "Hi" },
        {
          role: "assistant",
          tool_calls: [{ id: "c1", type: "function", function: { name: "w", arguments: {} } }],
        },
      ]),
    ).toThrow("options.messages[1].tool_calls[0].function.arguments: must be a JSON string");
    expect(load([{ role: "tool", content: "x" }])).toThrow(
      "options.messages[0].tool_call_id: must be a non-empty string",
    );
    expect(load([{ role: "assistant", content: "x", status: "done" }])).toThrow(
      "options.messages[0].status: must be one of streaming, complete, stopped, error, disconnected",
    );
    expect(
      load([
        { id: "a", role: "user", content: "Hi" },
        { id: "a", role: "user", content: "Hi again" },
      ]),
    ).toThrow('options.messages[1].id: "a" is used by an earlier message');
    expect(load([{ role: "user", content: "Hi", documents: [{ text: "no data" }] }])).toThrow(
      ValidationError,
    );
  });

  it("setMessages runs the same check", () => {
    const { chat } = setupChat();
    expect(() =>
      chat.setMessages([
        { role: "system", content: [{ type: "image_url", image_url: { url: "x" } }] },
      ] as never),
    ).toThrow("setMessages(): messages[0].content[0].type: must be one of text");
  });

  it("a reply saved while streaming comes back stopped", () => {
    const [reply] = parseChatMessages([{ id: "r", role: "assistant", content: "Hal", status: "streaming" }]);
    expect(reply).toEqual({
      id: "r",
      role: "assistant",
      content: [{ type: "text", text: "Hal" }],
      status: "stopped",
    });
  });
});

describe("toUIMessages and toWireMessages", () => {
  it("convert wire messages to UI messages and back", () => {
    const wire: ChatMessage[] = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        tool_plan: "Look it up.",
        tool_calls: [{ id: "c1", type: "function", function: { name: "weather", arguments: "{}" } }],
      },
      { role: "tool", tool_call_id: "c1", content: "sunny" },
      { role: "assistant", content: "Sunny." },
    ];
    let n = 0;
    const ui = toUIMessages(wire, () => `m${n++}`);
    expect(ui.map((m) => m.id)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    expect(ui[4]).toEqual({
      id: "m4",
      role: "assistant",
      content: [{ type: "text", text: "Sunny." }],
      status: "complete",
    });
    expect(toWireMessages(ui)).toEqual([
      ...wire.slice(0, 4),
      { role: "assistant", content: [{ type: "text", text: "Sunny." }] },
    ]);
  });

  it("toUIMessages names a message that is not one", () => {
    expect(() => toUIMessages([{ role: "user" } as never, 5 as never])).toThrow("messages[0].content");
  });
});
