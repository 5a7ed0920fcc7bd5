import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError } from "../errors";
import { messageText } from "../messageText";
import { chatServer, contentEnd, end, start, text, textReply, textStart } from "../test/chatServer";
import { settle, setupChat } from "../test/chatSetup";
import { createChat } from "./createChat";
import type { ChatOptions } from "./types";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const setup = setupChat;

describe("chat actions", () => {
  it("adds the user turn at once and streams the reply in place as the last message", async () => {
    const { server, chat, history, onFinish } = setup();
    const sent = chat.send("Hi");
    await settle();
    const [request] = server.requests;
    request!.send(start(), textStart());
    await settle();
    request!.send(text("Hel"));
    await settle();
    request!.send(text("lo"), contentEnd(), end());
    request!.done();
    await sent;

    expect(history.lines).toEqual([
      "submitted | user:Hi",
      "streaming | user:Hi | assistant[streaming]:Hel",
      "streaming | user:Hi | assistant[streaming]:Hello",
      "ready | user:Hi | assistant[complete]:Hello",
    ]);
    expect(request!.body).toEqual({
      model: "command-a",
      messages: [{ role: "user", content: "Hi" }],
      stream: true,
    });
    const reply = chat.getSnapshot().messages[1];
    expect(reply).toMatchObject({
      id: "m2",
      role: "assistant",
      response_id: "reply-1",
      finish_reason: "COMPLETE",
      usage: { billed_units: { input_tokens: 3, output_tokens: 5 } },
    });
    expect(messageText(reply)).toBe("Hello");
    expect(onFinish).toHaveBeenCalledOnce();
    expect(onFinish.mock.calls[0]![0]).toBe(reply);
    expect(onFinish.mock.calls[0]![1]).toMatchObject({ reason: "complete" });
  });

  describe("stop()", () => {
    it("before the response: ready at once, the request aborted, no reply in messages", async () => {
      const { server, chat, history, onFinish } = setup();
      const sent = chat.send("Hi");
      await settle();
      chat.stop();
      expect(chat.getSnapshot().status).toBe("ready");
      expect(server.requests[0]!.signal.aborted).toBe(true);
      await sent;
      await settle();
      expect(history.lines).toEqual(["submitted | user:Hi", "ready | user:Hi"]);
      expect(onFinish).toHaveBeenCalledOnce();
      expect(onFinish.mock.calls[0]![0]).toMatchObject({ role: "assistant", status: "stopped", content: [] });
      expect(onFinish.mock.calls[0]![1]).toMatchObject({ reason: "stopped" });
    });

    it("mid-stream: keeps the partial reply marked stopped and ignores what arrives after", async () => {
      const { server, chat, history, onFinish } = setup();
      const sent = chat.send("Hi");
      await settle();
      server.requests[0]!.send(start(), textStart(), text("Par"));
      await settle();
      chat.stop();
      expect(chat.getSnapshot().status).toBe("ready");
      expect(server.requests[0]!.signal.aborted).toBe(true);
      await sent;
      await settle();
      expect(history.lines).toEqual([
        "submitted | user:Hi",
        "streaming | user:Hi | assistant[streaming]:Par",
        "ready | user:Hi | assistant[stopped]:Par",
      ]);
      expect(onFinish.mock.calls[0]![1]).toMatchObject({ reason: "stopped" });
      expect(chat.getSnapshot().error).toBeUndefined();

      // A stopped reply goes back to the model as it was shown.
      const next = chat.send("Go on");
      await settle();
      expect(server.requests[1]!.body.messages).toEqual([
        { role: "user", content: "Hi" },
        { role: "assistant", content: [{ type: "text", text: "Par" }] },
        { role: "user", content: "Go on" },
      ]);
      chat.stop();
      await next;
    });

    it("does nothing when idle", () => {
      const { chat, history, onFinish } = setup();
      chat.stop();
      expect(history.lines).toEqual([]);
      expect(onFinish).not.toHaveBeenCalled();
    });
  });

  describe("regenerate, edit, setMessages, reset", () => {
    async function conversation() {
      const s = setup();
      const first = s.chat.send("One");
      await settle();
      s.server.requests[0]!.send(...textReply(["1"]));
      s.server.requests[0]!.done();
      await first;
      const second = s.chat.send("Two");
      await settle();
      s.server.requests[1]!.send(...textReply(["2"]));
      s.server.requests[1]!.done();
      await second;
      return s;
    }

    it("regenerate() replaces the last reply", async () => {
      const { server, chat } = await conversation();
      const again = chat.regenerate();
      await settle();
      expect(server.requests[2]!.body.messages).toEqual([
        { role: "user", content: "One" },
        { role: "assistant", content: [{ type: "text", text: "1" }] },
        { role: "user", content: "Two" },
      ]);
      server.requests[2]!.send(...textReply(["2b"]));
      server.requests[2]!.done();
      await again;
      expect(chat.getSnapshot().messages.map(messageText)).toEqual(["One", "1", "Two", "2b"]);
    });

    it("regenerate(id) drops that reply and everything after it", async () => {
      const { server, chat } = await conversation();
      const again = chat.regenerate(chat.getSnapshot().messages[1]!.id);
      await settle();
      expect(server.requests[2]!.body.messages).toEqual([{ role: "user", content: "One" }]);
      server.requests[2]!.send(...textReply(["1b"]));
      server.requests[2]!.done();
      await again;
      expect(chat.getSnapshot().messages.map(messageText)).toEqual(["One", "1b"]);
    });

    it("regenerate(id) of a user message is refused with a clear error", async () => {
      const { chat } = await conversation();
      await expect(chat.regenerate(chat.getSnapshot().messages[0]!.id)).rejects.toThrow(
        /is a user message, not assistant/,
      );
      await expect(chat.regenerate("nope")).rejects.toThrow(/no message has id "nope"/);
    });

    it("edit() replaces a user turn in place, keeps its id, drops what followed and asks again", async () => {
      const { server, chat } = await conversation();
      const firstId = chat.getSnapshot().messages[0]!.id;
      const edited = chat.edit(firstId, "Uno");
      await settle();
      expect(server.requests[2]!.body.messages).toEqual([{ role: "user", content: "Uno" }]);
      server.requests[2]!.send(...textReply(["1"]));
      server.requests[2]!.done();
      await edited;
      expect(chat.getSnapshot().messages.map(messageText)).toEqual(["Uno", "1"]);
      expect(chat.getSnapshot().messages[0]!.id).toBe(firstId);
      await expect(chat.edit(chat.getSnapshot().messages[1]!.id, "x")).rejects.toThrow(/not user/);
    });

    it("setMessages() stops a run, accepts wire messages and gives them ids; reset() empties all", async () => {
      const { server, chat, onFinish } = setup();
      void chat.send("Hi");
      await settle();
      chat.setMessages([
        { role: "user", content: "Restored" },
        { role: "assistant", content: "Answer" },
      ]);
      expect(server.requests[0]!.signal.aborted).toBe(true);
      expect(onFinish.mock.calls[0]![1]).toMatchObject({ reason: "stopped" });
      expect(chat.getSnapshot()).toMatchObject({
        status: "ready",
        messages: [
          { id: "m3", role: "user", content: "Restored" },
          { id: "m4", role: "assistant", content: [{ type: "text", text: "Answer" }], status: "complete" },
        ],
      });
      chat.setMessages((current) => current.slice(0, 1));
      expect(chat.getSnapshot().messages.map(messageText)).toEqual(["Restored"]);
      expect(() => chat.setMessages([{ role: "robot", content: "x" } as never])).toThrow(
        "setMessages(): messages[0].role: must be",
      );
      chat.reset();
      expect(chat.getSnapshot()).toMatchObject({ status: "ready", messages: [], error: undefined });
    });
  });

  describe("input checks", () => {
    it("refuses bad options and bad sends with errors that name the field", async () => {
      const { client } = chatServer();
      expect(() => createChat({ client, model: 5 as never })).toThrow("options.model: must be a string");
      expect(() => createChat({ model: "m" } as ChatOptions)).toThrow("options.client");
      expect(() => createChat({ client, model: "m", busy: "drop" as never })).toThrow("options.busy");
      expect(() => createChat({ client, model: "m", maxSteps: 0 })).toThrow("options.maxSteps");
      expect(() => createChat({ client, model: "m", throttleMs: -1 })).toThrow("options.throttleMs");
      const chat = createChat({ client, model: "m" });
      await expect(chat.send("")).rejects.toThrow("send(): text: must not be empty");
      await expect(chat.send({ content: [] })).rejects.toThrow("send(): content");
      expect(chat.getSnapshot().messages).toEqual([]);
    });
  });

  it("an aborted request is never an unhandled rejection or an error", async () => {
    const { chat } = setup();
    const sent = chat.send("Hi");
    chat.stop();
    await expect(sent).resolves.toBeUndefined();
    expect(chat.getSnapshot().error).toBeUndefined();
    expect(new AbortError("x")).toBeInstanceOf(Error);
  });
});
