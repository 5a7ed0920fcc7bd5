import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { accumulate } from "../accumulate";
import type { ChatStream } from "../chatStream";
import { messageText } from "../messageText";
import { recordHistory, sequentialIds } from "../test/chatHistory";
import { chatServer, contentEnd, end, start, text, textStart } from "../test/chatServer";
import type { StreamEvent } from "../types";
import { createChat } from "./createChat";
import type { ChatClient, MessageInput } from "./types";
import { toReplyMessage } from "./uiMessages";

// Counts every UI message the store builds from a reply, through the module the store itself imports.
vi.mock("./uiMessages", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./uiMessages")>();
  return { ...actual, toReplyMessage: vi.fn(actual.toReplyMessage) };
});

// Counts reducer steps: ChatStream's builder runs a handful per reply; a store reducing each event again, hundreds.
vi.mock("../accumulate", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../accumulate")>();
  return { ...actual, accumulate: vi.fn(actual.accumulate) };
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.mocked(toReplyMessage).mockClear();
  vi.mocked(accumulate).mockClear();
});
afterEach(() => vi.useRealTimers());

const settle = () => vi.advanceTimersByTimeAsync(0);
const TOKENS = 300;

describe("one assembly per reply", () => {
  it("builds the UI message at most once per publish, and reads the ChatStream's reply instead of reducing again", async () => {
    const server = chatServer();
    const snapshots: Array<ReturnType<typeof vi.spyOn>> = [];
    // The real ClientV2 behind the hand-driven server, with each stream's snapshot() counted.
    const client: ChatClient = {
      async chatStream(request, options) {
        const stream: ChatStream = await server.client.chatStream(request, options);
        snapshots.push(vi.spyOn(stream, "snapshot"));
        return stream;
      },
    };
    const earlier: MessageInput[] = Array.from({ length: 200 }, (_, i) =>
      i % 2 ? { role: "assistant", content: `answer ${i}` } : { role: "user", content: `question ${i}` },
    );
    const chat = createChat({ client, model: "m", messages: earlier, generateId: sequentialIds() });
    const history = recordHistory(chat);
    const sent = chat.send("Go");
    await settle();
    const reply = server.requests[0]!;
    reply.send(start(), textStart());
    // One token per network read, a millisecond apart: 300 events over 300 ms.
    for (let i = 0; i < TOKENS; i++) {
      reply.send(text("x"));
      await vi.advanceTimersByTimeAsync(1);
    }
    reply.send(contentEnd(), end());
    reply.done();
    await vi.advanceTimersByTimeAsync(100);
    await sent;

    const publishes = history.snapshots.length;
    expect(publishes).toBeGreaterThan(5);
    expect(publishes).toBeLessThanOrEqual(TOKENS / (1000 / 60) + 4);
    // Submitted has no reply; every other publish shows one built once, plus the final build of the finished reply.
    expect(vi.mocked(toReplyMessage).mock.calls.length).toBeLessThanOrEqual(publishes);
    // The assembled reply is asked for once per publish and per event before the first token, not once per event.
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]!.mock.calls.length).toBeLessThanOrEqual(publishes + 4);
    expect(vi.mocked(accumulate).mock.calls.length).toBeLessThan(publishes + 10);
    expect(messageText(chat.getSnapshot().messages.at(-1))).toBe("x".repeat(TOKENS));
    // The transcript before the reply is the same objects in every snapshot: only the reply is rebuilt.
    for (const snapshot of history.snapshots) {
      expect(snapshot.messages[0]).toBe(history.snapshots[0]!.messages[0]);
      expect(snapshot.messages[199]).toBe(history.snapshots[0]!.messages[199]);
    }
  });

  it("works with a client whose chatStream is a plain AsyncIterable of events, reducing them once", async () => {
    const events: StreamEvent[] = [start(), textStart()];
    for (let i = 0; i < 50; i++) events.push(text(`${i},`));
    events.push(contentEnd(), end());
    let requests = 0;
    const client: ChatClient = {
      async chatStream() {
        requests++;
        return (async function* () {
          for (const event of events) {
            await new Promise((resolve) => setTimeout(resolve, 1));
            yield event;
          }
        })();
      },
    };
    const chat = createChat({ client, model: "m", generateId: sequentialIds() });
    const history = recordHistory(chat);
    const sent = chat.send("Count");
    await vi.advanceTimersByTimeAsync(200);
    await sent;

    const expected = Array.from({ length: 50 }, (_, i) => `${i},`).join("");
    expect(requests).toBe(1);
    expect(chat.getSnapshot()).toMatchObject({
      status: "ready",
      messages: [{ role: "user" }, { role: "assistant", status: "complete", finish_reason: "COMPLETE" }],
    });
    expect(messageText(chat.getSnapshot().messages[1])).toBe(expected);
    // Throttled like a ChatStream: the first token at once, then about one snapshot per frame, not one per event.
    expect(history.lines[1]).toBe("streaming | user:Count | assistant[streaming]:0,");
    expect(history.snapshots.length).toBeLessThan(10);
    expect(vi.mocked(toReplyMessage).mock.calls.length).toBeLessThanOrEqual(history.snapshots.length);
    expect(vi.mocked(accumulate).mock.calls.length).toBe(events.length);
  });

  it("stop() between two publishes keeps every token that arrived, though none of the last ones was shown", async () => {
    const server = chatServer();
    const chat = createChat({ client: server.client, model: "m", throttleMs: 1000 });
    const sent = chat.send("Hi");
    await settle();
    server.requests[0]!.send(start(), textStart(), text("a"));
    await settle();
    server.requests[0]!.send(text("b"), text("c"));
    await settle();
    expect(messageText(chat.getSnapshot().messages[1])).toBe("a");
    chat.stop();
    expect(chat.getSnapshot().messages[1]).toMatchObject({ status: "stopped", content: [{ text: "abc" }] });
    await sent;
  });

  it("a reply whose events change nothing after the first token publishes nothing more until its status", async () => {
    const server = chatServer();
    const chat = createChat({ client: server.client, model: "m", throttleMs: 0 });
    const history = recordHistory(chat);
    const sent = chat.send("Hi");
    await settle();
    server.requests[0]!.send(start(), textStart(), text("Hello"));
    await settle();
    // content-end changes nothing the UI shows; message-end shows with the final status.
    server.requests[0]!.send(contentEnd(), end());
    server.requests[0]!.done();
    await sent;
    expect(history.lines).toEqual([
      "submitted | user:Hi",
      "streaming | user:Hi | assistant[streaming]:Hello",
      "ready | user:Hi | assistant[complete]:Hello",
    ]);
  });
});
