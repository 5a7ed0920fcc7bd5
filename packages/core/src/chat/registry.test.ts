import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ValidationError } from "../errors";
import { chatServer } from "../test/chatServer";
import { createChat } from "./createChat";
import { acquireChat, findChat } from "./registry";
import type { Chat } from "./types";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Lets the registry's deferred release run. */
const microtasks = () => vi.advanceTimersByTimeAsync(0);

let ids = 0;
/** Registry entries outlive a test; a fresh id per test keeps them apart. */
const freshId = () => `registry-test-${++ids}`;

function setup() {
  const server = chatServer();
  const created: Chat[] = [];
  const create = vi.fn((id: string) => {
    const chat = createChat({ client: server.client, model: "m", id });
    created.push(chat);
    return chat;
  });
  return { server, create, created };
}

describe("the chat registry", () => {
  it("gives every holder of an id the same chat, created once", () => {
    const { create } = setup();
    const id = freshId();
    const a = acquireChat(id, create);
    const b = acquireChat(id, create);
    expect(b.chat).toBe(a.chat);
    expect(a.chat.id).toBe(id);
    expect(create).toHaveBeenCalledOnce();
    expect(findChat(id)).toBe(a.chat);
    expect(acquireChat(freshId(), create).chat).not.toBe(a.chat);
  });

  it("keeps the chat and its request while one holder remains; the last release stops it and forgets it", async () => {
    const { server, create } = setup();
    const id = freshId();
    const a = acquireChat(id, create);
    const b = acquireChat(id, create);
    void a.chat.send("Hi");
    await microtasks();
    a.release();
    await microtasks();
    expect(server.requests[0]!.signal.aborted).toBe(false);
    expect(findChat(id)).toBe(a.chat);

    b.release();
    expect(findChat(id)).toBe(a.chat); // not before the microtask
    await microtasks();
    expect(server.requests[0]!.signal.aborted).toBe(true);
    expect(a.chat.getSnapshot().status).toBe("ready");
    expect(findChat(id)).toBeUndefined();
    // The id is free again: a new holder gets a new chat.
    const c = acquireChat(id, create);
    expect(c.chat).not.toBe(a.chat);
    expect(create).toHaveBeenCalledTimes(2);
  });

  it("a release and an acquire in one go keep the chat (StrictMode's double effects)", async () => {
    const { server, create } = setup();
    const id = freshId();
    const first = acquireChat(id, create);
    void first.chat.send("Hi");
    await microtasks();
    first.release();
    const again = acquireChat(id, create);
    await microtasks();
    expect(again.chat).toBe(first.chat);
    expect(server.requests[0]!.signal.aborted).toBe(false);
    expect(create).toHaveBeenCalledOnce();
  });

  it("counts each lease once, however often it is released", async () => {
    const { create } = setup();
    const id = freshId();
    const a = acquireChat(id, create);
    const b = acquireChat(id, create);
    a.release();
    a.release();
    await microtasks();
    expect(findChat(id)).toBe(b.chat);
    b.release();
    await microtasks();
    expect(findChat(id)).toBeUndefined();
  });

  it("findChat takes no hold", async () => {
    const { create } = setup();
    const id = freshId();
    const lease = acquireChat(id, create);
    expect(findChat(id)).toBe(lease.chat);
    lease.release();
    await microtasks();
    expect(findChat(id)).toBeUndefined();
  });

  it("refuses an empty id, and a create that returns a chat of another id, naming the argument", () => {
    const { server, create } = setup();
    expect(() => acquireChat("", create)).toThrow(ValidationError);
    expect(() => acquireChat("", create)).toThrow("acquireChat(): id: must be a non-empty string");
    const id = freshId();
    const other = () => createChat({ client: server.client, model: "m", id: "another" });
    expect(() => acquireChat(id, other)).toThrow(`acquireChat(): create: must return a chat with id "${id}"`);
    expect(findChat(id)).toBeUndefined();
  });
});
