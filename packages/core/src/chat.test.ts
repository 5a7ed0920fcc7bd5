import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createChat } from "./chat";
import { ChatBusyError } from "./chatBusyError";
import type { ChatOptions } from "./chatTypes";
import { AbortError, BadRequestError, StreamError, ValidationError } from "./errors";
import { messageText } from "./messageText";
import { decodeEvents } from "./sse";
import {
  chatServer,
  contentEnd,
  end,
  start,
  text,
  textReply,
  textStart,
  thinking,
  thinkingStart,
} from "./test/chatServer";
import { settle, setupChat } from "./test/chatSetup";
import { frameJsonLines, RECORDINGS_DIR } from "./test/recordings";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const setup = setupChat;

describe("createChat", () => {
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

  it("keeps message ids and the identity of unchanged messages and parts across snapshots", async () => {
    const { server, chat, history } = setup({ messages: [{ role: "user", content: "Earlier" }] });
    const sent = chat.send("Hi");
    await settle();
    server.requests[0]!.send(start(), thinkingStart(0), thinking("Hmm"), contentEnd(0), textStart(1));
    await settle();
    server.requests[0]!.send(text("A", 1));
    await settle();
    server.requests[0]!.send(text("B", 1), contentEnd(1), end());
    server.requests[0]!.done();
    await sent;

    const [first, ...rest] = history.snapshots;
    for (const snapshot of rest) {
      expect(snapshot.messages[0]).toBe(first!.messages[0]);
      expect(snapshot.messages[1]).toBe(first!.messages[1]);
    }
    const replies = history.snapshots.slice(1).map((s) => s.messages[2]);
    expect(new Set(replies.map((m) => m?.id))).toEqual(new Set(["m3"]));
    // The finished thinking block is the same object in every later snapshot.
    const thoughts = replies.map((m) => (m?.role === "assistant" ? m.content[0] : undefined));
    expect(thoughts.every((part) => part === thoughts[0])).toBe(true);
    expect(Object.isFrozen(chat.getSnapshot())).toBe(true);
  });

  it("keeps citations, thinking and usage from a real recorded stream", async () => {
    const { server, chat } = setup();
    const events = decodeEvents([
      frameJsonLines(readFileSync(join(RECORDINGS_DIR, "stream-citations.jsonl"), "utf8")),
    ]);
    const sent = chat.send("Benefits?");
    await settle();
    server.requests[0]!.send(...events);
    server.requests[0]!.done();
    await sent;

    const reply = chat.getSnapshot().messages[1];
    expect(reply?.role).toBe("assistant");
    if (reply?.role !== "assistant") return;
    expect(reply.citations?.length).toBeGreaterThan(0);
    expect(reply.citations?.[0]?.sources?.length).toBeGreaterThan(0);
    expect(reply.status).toBe("complete");
    expect(reply.usage).toBeDefined();
    expect(messageText(reply)).toBe("The key benefits are automation of tasks.");
  });

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

  describe("failures", () => {
    it("an HTTP error: status error, no reply; retry() repeats the request without a second user turn", async () => {
      const { server, chat, history, onFinish } = setup();
      const sent = chat.send("Hi");
      await settle();
      server.requests[0]!.fail(400, "invalid request");
      await sent;
      expect(chat.getSnapshot().error).toBeInstanceOf(BadRequestError);
      expect(onFinish.mock.calls[0]![1]).toMatchObject({
        reason: "error",
        error: expect.any(BadRequestError),
      });

      const retried = chat.retry();
      await settle();
      expect(server.requests[1]!.body.messages).toEqual([{ role: "user", content: "Hi" }]);
      server.requests[1]!.send(...textReply(["Hello"]));
      server.requests[1]!.done();
      await retried;
      expect(history.lines).toEqual([
        "submitted | user:Hi",
        "error | user:Hi | !BadRequestError",
        "submitted | user:Hi",
        "streaming | user:Hi | assistant[streaming]:Hello",
        "ready | user:Hi | assistant[complete]:Hello",
      ]);
    });

    it("a dropped connection mid-reply: reason disconnected, partial kept; retry() replaces it", async () => {
      const { server, chat, history, onFinish } = setup();
      const sent = chat.send("Hi");
      await settle();
      server.requests[0]!.send(start(), textStart(), text("Half"));
      await settle();
      server.requests[0]!.cut();
      await sent;
      expect(onFinish.mock.calls[0]![1]).toMatchObject({
        reason: "disconnected",
        error: expect.any(StreamError),
      });

      const retried = chat.retry();
      await settle();
      expect(server.requests[1]!.body.messages).toEqual([{ role: "user", content: "Hi" }]);
      server.requests[1]!.send(...textReply(["Whole"]));
      server.requests[1]!.done();
      await retried;
      expect(history.lines).toEqual([
        "submitted | user:Hi",
        "streaming | user:Hi | assistant[streaming]:Half",
        "error | user:Hi | assistant[disconnected]:Half | !StreamError",
        "submitted | user:Hi",
        "streaming | user:Hi | assistant[streaming]:Whole",
        "ready | user:Hi | assistant[complete]:Whole",
      ]);
      // The retried reply has a new id: the failed one was removed, not rewritten.
      expect(history.snapshots[1]!.messages[1]!.id).not.toBe(chat.getSnapshot().messages[1]!.id);
    });

    it("finish_reason ERROR from the model is an error with the server's reason", async () => {
      const { server, chat, onFinish } = setup();
      const sent = chat.send("Hi");
      await settle();
      server.requests[0]!.send(start(), textStart(), text("Par"), contentEnd(), end("ERROR", "overloaded"));
      server.requests[0]!.done();
      await sent;
      expect(chat.getSnapshot().status).toBe("error");
      expect(chat.getSnapshot().error?.message).toContain("overloaded");
      expect(chat.getSnapshot().messages[1]).toMatchObject({ status: "error", finish_reason: "ERROR" });
      expect(onFinish.mock.calls[0]![1]).toMatchObject({ reason: "error" });
    });

    it("retry() refuses when nothing failed", async () => {
      const { chat } = setup();
      await expect(chat.retry()).rejects.toThrow(ValidationError);
    });
  });

  describe("a second send while busy", () => {
    it("reject (default): a clear ChatBusyError, the transcript untouched", async () => {
      const { server, chat, history } = setup();
      const first = chat.send("One");
      await expect(chat.send("Two")).rejects.toThrow(/busy policy "reject"/);
      await expect(chat.send("Two")).rejects.toBeInstanceOf(ChatBusyError);
      await settle();
      server.requests[0]!.send(...textReply(["1"]));
      server.requests[0]!.done();
      await first;
      expect(server.requests).toHaveLength(1);
      expect(history.lines.at(-1)).toBe("ready | user:One | assistant[complete]:1");
    });

    it("queue: waits visibly and is sent, keeping its id, once the run completes", async () => {
      const { server, chat, history } = setup({ busy: "queue" });
      const first = chat.send("One");
      const second = chat.send("Two");
      const queuedId = chat.getSnapshot().queued[0]!.id;
      await settle();
      server.requests[0]!.send(...textReply(["1"]));
      server.requests[0]!.done();
      await first;
      await settle();
      server.requests[1]!.send(...textReply(["2"]));
      server.requests[1]!.done();
      await second;
      expect(history.lines).toEqual([
        "submitted | user:One",
        "submitted | user:One | queued:Two",
        "streaming | user:One | assistant[streaming]:1 | queued:Two",
        "ready | user:One | assistant[complete]:1 | queued:Two",
        "submitted | user:One | assistant[complete]:1 | user:Two",
        "streaming | user:One | assistant[complete]:1 | user:Two | assistant[streaming]:2",
        "ready | user:One | assistant[complete]:1 | user:Two | assistant[complete]:2",
      ]);
      expect(chat.getSnapshot().messages[2]!.id).toBe(queuedId);
    });

    it("queue: stop() drops what waits", async () => {
      const { chat } = setup({ busy: "queue" });
      const first = chat.send("One");
      const second = chat.send("Two");
      chat.stop();
      await Promise.all([first, second]);
      expect(chat.getSnapshot().queued).toEqual([]);
      expect(chat.getSnapshot().messages.map(messageText)).toEqual(["One"]);
    });

    it("queue: a failed run drops what waits, so no turn is answered out of order later", async () => {
      const { server, chat } = setup({ busy: "queue" });
      const first = chat.send("One");
      const second = chat.send("Two");
      await settle();
      server.requests[0]!.fail(500, "boom");
      await Promise.all([first, second]);
      expect(chat.getSnapshot()).toMatchObject({ status: "error", queued: [] });
      const third = chat.send("Three");
      await settle();
      server.requests.at(-1)!.send(...textReply(["3"]));
      server.requests.at(-1)!.done();
      await third;
      expect(
        chat
          .getSnapshot()
          .messages.filter((m) => m.role === "user")
          .map(messageText),
      ).toEqual(["One", "Three"]);
    });

    it("an empty model waits for the send that uses it, which ends in a ValidationError", async () => {
      const { chat } = setup({ model: "" });
      await chat.send("Hi");
      expect(chat.getSnapshot().status).toBe("error");
      expect(String(chat.getSnapshot().error)).toMatch(/model: must be a non-empty string/);
      chat.setOptions({ model: "m" }); // no throw while a field is being edited
    });

    it("interrupt: the first reply stops where it is and the second turn is sent", async () => {
      const { server, chat, history, onFinish } = setup({ busy: "interrupt" });
      const first = chat.send("One");
      await settle();
      server.requests[0]!.send(start(), textStart(), text("Fi"));
      await settle();
      const second = chat.send("Two");
      expect(server.requests[0]!.signal.aborted).toBe(true);
      await first;
      await settle();
      server.requests[1]!.send(...textReply(["2"]));
      server.requests[1]!.done();
      await second;
      expect(history.lines).toEqual([
        "submitted | user:One",
        "streaming | user:One | assistant[streaming]:Fi",
        "ready | user:One | assistant[stopped]:Fi",
        "submitted | user:One | assistant[stopped]:Fi | user:Two",
        "streaming | user:One | assistant[stopped]:Fi | user:Two | assistant[streaming]:2",
        "ready | user:One | assistant[stopped]:Fi | user:Two | assistant[complete]:2",
      ]);
      expect(onFinish.mock.calls.map((call) => call[1].reason)).toEqual(["stopped", "complete"]);
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

  it("stops calling a listener once it unsubscribes", async () => {
    const { server, chat } = setup();
    const listener = vi.fn();
    const unsubscribe = chat.subscribe(listener);
    const sent = chat.send("Hi");
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    unsubscribe();
    await settle();
    server.requests[0]!.send(...textReply(["ok"]));
    server.requests[0]!.done();
    await sent;
    expect(listener).toHaveBeenCalledTimes(1);
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
