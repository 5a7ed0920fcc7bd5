import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BadRequestError, StreamError, ValidationError } from "../errors";
import { messageText } from "../messageText";
import { decodeEvents } from "../sse";
import {
  contentEnd,
  end,
  start,
  text,
  textReply,
  textStart,
  thinking,
  thinkingStart,
} from "../test/chatServer";
import { settle, setupChat } from "../test/chatSetup";
import { frameJsonLines, RECORDINGS_DIR } from "../test/recordings";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const setup = setupChat;

describe("a run", () => {
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
});
