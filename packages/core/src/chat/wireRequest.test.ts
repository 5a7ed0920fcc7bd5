import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { textReply } from "../test/chatServer";
import { settle, setupChat } from "../test/chatSetup";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const setup = setupChat;

describe("the request a chat sends", () => {
  it("sends image parts and documents, and keeps a turn's documents for later requests", async () => {
    const { server, chat } = setup();
    const content = [
      { type: "text" as const, text: "What is this?" },
      { type: "image_url" as const, image_url: { url: "data:image/png;base64,AAAA" } },
    ];
    const documents = [{ id: "doc-1", data: { text: "A cat." } }];
    const first = chat.send({ content, documents });
    await settle();
    expect(server.requests[0]!.body).toMatchObject({ messages: [{ role: "user", content }], documents });
    server.requests[0]!.send(...textReply(["A cat."]));
    server.requests[0]!.done();
    await first;

    const second = chat.send("Sure?");
    await settle();
    expect(server.requests[1]!.body).toMatchObject({
      documents,
      messages: [
        { role: "user", content },
        { role: "assistant", content: [{ type: "text", text: "A cat." }] },
        { role: "user", content: "Sure?" },
      ],
    });
    chat.stop();
    await second;
  });

  it("reads model, params, system message, headers and body when each request starts", async () => {
    let token = "one";
    const { server, chat } = setup({
      system: "Be brief.",
      params: { temperature: 0.1 },
      headers: () => ({ "x-token": token }),
      body: () => ({ user_tag: token }),
    });
    const first = chat.send("A");
    await settle();
    expect(server.requests[0]!.body).toMatchObject({
      model: "command-a",
      temperature: 0.1,
      user_tag: "one",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "A" },
      ],
    });
    expect(server.requests[0]!.headers["x-token"]).toBe("one");
    server.requests[0]!.send(...textReply(["ok"]));
    server.requests[0]!.done();
    await first;

    token = "two";
    chat.setOptions({ model: "command-r", params: { temperature: 0.9 }, system: "Be long." });
    const second = chat.send("B");
    await settle();
    expect(server.requests[1]!.body).toMatchObject({
      model: "command-r",
      temperature: 0.9,
      user_tag: "two",
      messages: [
        { role: "system", content: "Be long." },
        { role: "user", content: "A" },
        {},
        { role: "user", content: "B" },
      ],
    });
    expect(server.requests[1]!.headers["x-token"]).toBe("two");
    chat.stop();
    await second;
  });
});
