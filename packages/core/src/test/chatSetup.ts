import { vi } from "vitest";
import { createChat } from "../chat/createChat";
import type { ChatOptions, FinishInfo } from "../chat/types";
import { recordHistory, sequentialIds } from "./chatHistory";
import { chatServer } from "./chatServer";

/** Lets fetch, the body reader and the store's loop run (under fake timers). */
export const settle = () => vi.advanceTimersByTimeAsync(0);

/**
 * A chat on the hand-driven server, with predictable ids, no throttle (so every update is a snapshot), an
 * `onFinish` spy, and a recorder of every snapshot's one-line summary.
 */
export function setupChat(options: Partial<ChatOptions> = {}) {
  const server = chatServer();
  const onFinish = vi.fn<(reply: unknown, info: FinishInfo) => void>();
  const chat = createChat({
    client: server.client,
    model: "command-a",
    generateId: sequentialIds(),
    throttleMs: 0,
    onFinish,
    ...options,
  });
  return { server, chat, history: recordHistory(chat), onFinish };
}
