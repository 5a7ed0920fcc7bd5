import { ValidationError } from "../errors";
import type { Chat } from "./types";

/** A hold on a shared chat. */
export interface ChatLease {
  readonly chat: Chat;
  /**
   * Gives the hold back; calling it again does nothing. When the last hold is given back, the chat stops and leaves
   * the registry, a microtask later: a holder that lets go and takes hold again at once (React's StrictMode, a
   * component moving within one commit) keeps the chat and its request.
   */
  release(): void;
}

interface Entry {
  readonly chat: Chat;
  holds: number;
}

/** Chats by id, shared by every part of a page that names the same id. */
const entries = new Map<string, Entry>();

/**
 * Takes a hold on the chat registered under `id`, creating and registering it with `create` when there is none.
 * Framework bindings share chats by id with it; each part that uses a chat acquires it and releases it when done.
 * The registry belongs to the page: on a server, where one module serves many users, create chats per request.
 */
export function acquireChat(id: string, create: (id: string) => Chat): ChatLease {
  if (typeof id !== "string" || id === "") {
    throw new ValidationError("acquireChat(): id", "must be a non-empty string");
  }
  let entry = entries.get(id);
  if (!entry) {
    const chat = create(id);
    if (chat?.id !== id)
      throw new ValidationError("acquireChat(): create", `must return a chat with id "${id}"`);
    entry = { chat, holds: 0 };
    entries.set(id, entry);
  }
  const held = entry;
  held.holds++;
  let released = false;
  return {
    chat: held.chat,
    release() {
      if (released) return;
      released = true;
      held.holds--;
      queueMicrotask(() => {
        if (held.holds > 0 || entries.get(id) !== held) return;
        entries.delete(id);
        held.chat.stop();
      });
    },
  };
}

/** The chat registered under `id`, if any; takes no hold. */
export function findChat(id: string): Chat | undefined {
  return entries.get(id)?.chat;
}
