import { type Chat, type ChatOptions, createChat } from "@parley/core";
import { useEffect, useState } from "react";

/** Chats created by `useChat({ id })`, so components naming the same id share one. Browser only. */
const byId = new Map<string, Chat>();
const owners = new WeakMap<Chat, number>();

function isChat(source: ChatOptions | Chat): source is Chat {
  return (
    typeof (source as Chat).getSnapshot === "function" && typeof (source as Chat).subscribe === "function"
  );
}

function acquire(options: ChatOptions): Chat {
  // On the server a module-level registry would share chats between requests, and nothing would ever release them.
  const shared = typeof document !== "undefined" && options.id !== undefined;
  const existing = shared ? byId.get(options.id as string) : undefined;
  if (existing) return existing;
  const chat = createChat(options);
  if (shared) byId.set(chat.id, chat);
  return chat;
}

function retain(chat: Chat): () => void {
  owners.set(chat, (owners.get(chat) ?? 0) + 1);
  return () => {
    owners.set(chat, (owners.get(chat) ?? 1) - 1);
    // Wait a microtask: StrictMode (and a component moving in one commit) releases and retains again at once,
    // and that must not abort the request.
    queueMicrotask(() => {
      if ((owners.get(chat) ?? 0) > 0) return;
      chat.stop();
      if (byId.get(chat.id) === chat) byId.delete(chat.id);
    });
  };
}

/** The store behind a `useChat` call: the one given, or one this component (with any others of its id) owns. */
export function useChatStore(source: ChatOptions | Chat): Chat {
  const given = isChat(source) ? source : undefined;
  const options = given ? undefined : (source as ChatOptions);
  const [state, setState] = useState(() => (options ? acquire(options) : undefined));
  let owned = state;
  // A new id is another conversation: switch to its chat (the effect below releases the old one).
  if (options && (owned === undefined || (options.id !== undefined && owned.id !== options.id))) {
    owned = acquire(options);
    setState(owned);
  }
  const chat = given ?? (owned as Chat);

  // Options are read when a request starts, so the latest render's options are the ones the next send uses.
  useEffect(() => {
    if (options) chat.setOptions(options);
  });
  useEffect(() => (given ? undefined : retain(chat)), [chat, given]);
  return chat;
}
