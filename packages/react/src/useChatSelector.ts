import type { Chat, ChatSnapshot, ChatStatus, UIMessage } from "@parley/core";
import { useRef, useSyncExternalStore } from "react";

interface Memo<T> {
  snapshot: ChatSnapshot;
  selector: (snapshot: ChatSnapshot) => T;
  value: T;
}

/**
 * A slice of the chat: the component re-renders only when `isEqual` says the slice changed, not on every
 * published snapshot.
 */
export function useChatSelector<T>(
  chat: Chat,
  selector: (snapshot: ChatSnapshot) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const memo = useRef<Memo<T> | undefined>(undefined);
  const select = () => {
    const snapshot = chat.getSnapshot();
    const last = memo.current;
    if (last?.snapshot === snapshot && last.selector === selector) return last.value;
    const next = selector(snapshot);
    const value = last && isEqual(last.value, next) ? last.value : next;
    memo.current = { snapshot, selector, value };
    return value;
  };
  return useSyncExternalStore(chat.subscribe, select, select);
}

const selectStatus = (snapshot: ChatSnapshot) => snapshot.status;
const selectIds = (snapshot: ChatSnapshot) => snapshot.messages.map((message) => message.id);
const sameItems = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/** The chat's status alone. */
export function useChatStatus(chat: Chat): ChatStatus {
  return useChatSelector(chat, selectStatus);
}

/** The message ids, as an array that changes only when a message is added or removed: render a list with it. */
export function useChatMessageIds(chat: Chat): readonly string[] {
  return useChatSelector(chat, selectIds, sameItems);
}

/** One message: re-renders only when that message changes (while it streams, only its component re-renders). */
export function useChatMessage(chat: Chat, id: string): UIMessage | undefined {
  return useChatSelector(chat, (snapshot) => snapshot.messages.find((message) => message.id === id));
}
