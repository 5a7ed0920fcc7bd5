import type { Chat, ChatOptions, ChatSnapshot } from "@parley/core";
import { useMemo, useSyncExternalStore } from "react";
import { useChatStore } from "./useChatStore";

/**
 * What `useChat` returns: the store's current snapshot (messages, status, error, pending tool calls, queue) spread
 * out for rendering, the store itself, and its actions. The actions are the store's own functions, stable across
 * renders, so they can go into effect dependencies and memoized children without re-rendering them.
 */
export interface UseChatResult extends ChatSnapshot {
  /** The store: pass it to `useChat`, `useChatStatus` or `useChatMessage` in other components. */
  chat: Chat;
  /**
   * Adds the user turn at once and streams the reply. Resolves when the run ends (failures land in `error`);
   * rejects only on misuse, e.g. when busy under policy `reject`.
   */
  send: Chat["send"];
  /** Ends the run at once: the request is aborted and the partial reply kept, marked `stopped`. */
  stop: Chat["stop"];
  /** Drops the reply (the last one, or the one with `messageId`) and everything after it, and asks again. */
  regenerate: Chat["regenerate"];
  /** Replaces a user turn's content, drops what followed, and asks again. */
  edit: Chat["edit"];
  /** After an error: drops the failed partial reply and repeats the request, without a second user turn. */
  retry: Chat["retry"];
  /** Answers a tool call of a tool without `execute`; once every call of the reply is answered, the run goes on. */
  addToolResult: Chat["addToolResult"];
  /** Replaces the transcript (stopping a run first): restore a saved conversation, or edit it by hand. */
  setMessages: Chat["setMessages"];
  /** Stops, and empties messages, error and queue: a new conversation on the same store. */
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
