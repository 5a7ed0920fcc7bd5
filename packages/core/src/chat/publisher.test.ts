import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { messageText } from "../messageText";
import { recordHistory, sequentialIds } from "../test/chatHistory";
import { chatServer, contentEnd, end, start, text, textReply, textStart } from "../test/chatServer";
import { setupChat } from "../test/chatSetup";
import { createChat } from "./createChat";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const settle = () => vi.advanceTimersByTimeAsync(0);

describe("publishing snapshots", () => {
  it("shows the first token at once, then at most one snapshot per frame, and never a status change in the frame of a throttled one", async () => {
    const server = chatServer();
    const onFinish = vi.fn();
    const chat = createChat({ client: server.client, model: "m", generateId: sequentialIds(), onFinish });
    const history = recordHistory(chat);
    const sent = chat.send("Hi");
    await settle();
    const reply = server.requests[0]!;
    reply.send(start(), textStart(), text("a"));
    await settle();
    expect(history.lines.at(-1)).toBe("streaming | user:Hi | assistant[streaming]:a");

    // 40 tokens, 1 ms apart: 40 ms of stream, so at most 3 frames' worth of snapshots.
    const publishedAt: number[] = [];
    chat.subscribe(() => publishedAt.push(Date.now()));
    for (let i = 0; i < 40; i++) {
      reply.send(text("b"));
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(publishedAt.length).toBeLessThanOrEqual(3);
    const throttled = publishedAt.length;
    // The stream ends 4 ms after the last throttled snapshot: the final status waits for that frame to pass, and
    // the token not published yet goes out with it.
    reply.send(text("c"), contentEnd(), end());
    reply.done();
    await settle();
    expect(publishedAt.length).toBe(throttled);
    expect(history.lines.at(-1)).toMatch(/^streaming /);
    expect(onFinish).not.toHaveBeenCalled(); // it follows the snapshot that shows the run's end
    await vi.advanceTimersByTimeAsync(1000 / 60);
    await sent;
    expect(history.lines.at(-1)).toBe(`ready | user:Hi | assistant[complete]:a${"b".repeat(40)}c`);
    expect(publishedAt.length).toBe(throttled + 1);
    expect(onFinish).toHaveBeenCalledOnce();
    expect(onFinish.mock.calls[0]![1]).toMatchObject({ reason: "complete" });
    for (let i = 1; i < publishedAt.length; i++) {
      expect(publishedAt[i]! - publishedAt[i - 1]!).toBeGreaterThanOrEqual(1000 / 60);
    }
    expect(messageText(chat.getSnapshot().messages[1])).toBe(`a${"b".repeat(40)}c`);
  });

  it("a status change right after a status change goes at once: a one-token reply shows, then is ready", async () => {
    const server = chatServer();
    const chat = createChat({ client: server.client, model: "m", generateId: sequentialIds() });
    const history = recordHistory(chat);
    const sent = chat.send("Hi");
    await settle();
    server.requests[0]!.send(start(), textStart(), text("Yes"), contentEnd(), end());
    server.requests[0]!.done();
    await sent;
    expect(history.lines).toEqual([
      "submitted | user:Hi",
      "streaming | user:Hi | assistant[streaming]:Yes",
      "ready | user:Hi | assistant[complete]:Yes",
    ]);
  });

  it("getSnapshot() cannot see past the throttle, and stop() publishes the latest text", async () => {
    const server = chatServer();
    const chat = createChat({
      client: server.client,
      model: "m",
      generateId: sequentialIds(),
      throttleMs: 100,
    });
    const sent = chat.send("Hi");
    await settle();
    server.requests[0]!.send(start(), textStart(), text("a"));
    await settle();
    server.requests[0]!.send(text("b"));
    await settle();
    expect(messageText(chat.getSnapshot().messages[1])).toBe("a");
    chat.stop();
    expect(chat.getSnapshot().messages[1]).toMatchObject({ status: "stopped", content: [{ text: "ab" }] });
    await sent;
  });

  it("throttleMs: 0 publishes every event", async () => {
    const server = chatServer();
    const chat = createChat({
      client: server.client,
      model: "m",
      generateId: sequentialIds(),
      throttleMs: 0,
    });
    const history = recordHistory(chat);
    const sent = chat.send("Hi");
    await settle();
    server.requests[0]!.send(start(), textStart(), text("a"), text("b"), text("c"), contentEnd(), end());
    server.requests[0]!.done();
    await sent;
    expect(history.lines.map((line) => line.split(" | ").at(-1))).toEqual([
      "user:Hi",
      "assistant[streaming]:a",
      "assistant[streaming]:ab",
      "assistant[streaming]:abc",
      "assistant[complete]:abc",
    ]);
  });

  it("stops calling a listener once it unsubscribes", async () => {
    const { server, chat } = setupChat();
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
});
