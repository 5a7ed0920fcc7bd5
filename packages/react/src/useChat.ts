import type { Chat, ChatOptions, ChatSnapshot } from "@parley/core";
import { useMemo, useSyncExternalStore } from "react";
import { useChatStore } from "./useChatStore";

export interface UseChatResult extends ChatSnapshot {
  /** The store: pass it to `useChat`, `useChatStatus` or `useChatMessage` in other components. */
  chat: Chat;
  send: Chat["send"];
  stop: Chat["stop"];
  regenerate: Chat["regenerate"];
  edit: Chat["edit"];
  retry: Chat["retry"];
  addToolResult: Chat["addToolResult"];
  setMessages: Chat["setMessages"];
  reset: Chat["reset"];
}

/**
 * Binds a chat store. Given options, it creates the store (shared with every `useChat` given the same `id`), keeps
 * its options current on each render, and stops its request when the last component using it unmounts. Given a
 * store, it only subscribes: the store's owner decides when it stops.
 */
export function useChat(source: ChatOptions | Chat): UseChatResult {
  const chat = useChatStore(source);
  // The server snapshot is the store's own: messages given up front render on the server too.
  const snapshot = useSyncExternalStore(chat.subscribe, chat.getSnapshot, chat.getSnapshot);
  return useMemo(
    () => ({
      ...snapshot,
      chat,
      send: chat.send,
      stop: chat.stop,
      regenerate: chat.regenerate,
      edit: chat.edit,
      retry: chat.retry,
      addToolResult: chat.addToolResult,
      setMessages: chat.setMessages,
      reset: chat.reset,
    }),
    [snapshot, chat],
  );
}
