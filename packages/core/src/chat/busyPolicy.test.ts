import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChatBusyError } from "../errors";
import { messageText } from "../messageText";
import { start, text, textReply, textStart } from "../test/chatServer";
import { settle, setupChat } from "../test/chatSetup";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const setup = setupChat;

describe("the busy policy", () => {
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
