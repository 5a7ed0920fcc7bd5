import { guard } from "./guard";
import { createThrottle } from "./throttle";
import type { ChatSnapshot, UIMessage } from "./types";

/**
 * When subscribers see a write. `now`: at once, for the app's own calls (send, stop, ...), whose effect
 * `getSnapshot()` must show when they return; and for the first token. `apart`: a change the run makes by itself (a
 * status, a finished reply): at once, but never in the same frame as a throttled publish. `soon`: throttled, for
 * the streaming reply. `none`: the next publish shows it.
 */
export type Publish = "now" | "apart" | "soon" | "none";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface Publisher {
  /** The working state: what the next publish shows. */
  readonly state: ChatSnapshot;
  getSnapshot(): ChatSnapshot;
  subscribe(listener: () => void): () => void;
  /** Writes the working state; `mode` says when subscribers see it. A patch that changes nothing is dropped. */
  update(patch: Partial<ChatSnapshot>, mode: Publish): void;
  /** Replaces the message with the same id (searched from the end, where the streaming reply is). */
  setMessage(message: UIMessage, mode: Publish): void;
  /** Asks for a throttled publish of what `prepare` will write: constant work, made once per stream event. */
  schedule(): void;
  /** Calls `callback` once everything written so far is published: at once, unless a publish waits. */
  afterPublish(callback: () => void): void;
}

/**
 * The chat's state, its throttled publishing and its subscribers.
 * @param intervalMs shortest time between throttled publishes
 * @param prepare runs before each publish: writes what the streaming reply holds by now (once per publish, not per
 *   event)
 * @param pendingToolCalls derives `pendingToolCalls` from the messages of a new state
 */
export function createPublisher(
  initial: ChatSnapshot,
  intervalMs: () => number,
  prepare: () => void,
  pendingToolCalls: (next: ChatSnapshot) => ChatSnapshot["pendingToolCalls"],
): Publisher {
  let state = initial;
  let published = state;
  const listeners = new Set<() => void>();
  let callbacks: Array<() => void> = [];

  const throttle = createThrottle(() => {
    prepare();
    const changed = published !== state;
    if (changed) {
      published = state;
      for (const listener of [...listeners]) guard(listener);
    }
    if (callbacks.length > 0) {
      const due = callbacks;
      callbacks = [];
      for (const callback of due) callback();
    }
    return changed;
  }, intervalMs);

  function update(patch: Partial<ChatSnapshot>, mode: Publish): void {
    const next: Mutable<ChatSnapshot> = { ...state, ...patch };
    const pending = pendingToolCalls(next);
    next.pendingToolCalls = sameItems(pending, state.pendingToolCalls) ? state.pendingToolCalls : pending;
    if (!(Object.keys(next) as Array<keyof ChatSnapshot>).every((key) => next[key] === state[key])) {
      if (next.messages !== state.messages) Object.freeze(next.messages);
      state = Object.freeze(next);
    }
    if (mode === "now") throttle.flush();
    else if (mode === "apart") throttle.flushApart();
    else if (mode === "soon") throttle.schedule();
  }

  return {
    get state() {
      return state;
    },
    getSnapshot: () => published,
    subscribe(listener) {
      if (typeof listener !== "function")
        throw new TypeError("subscribe(listener): listener must be a function");
      // A wrapper per call, so subscribing the same function twice needs two unsubscribes.
      const entry = () => listener();
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    update,
    setMessage(message, mode) {
      const messages = state.messages;
      let index = messages.length - 1;
      while (index >= 0 && messages[index]?.id !== message.id) index--;
      if (index < 0) return;
      const copy = messages.slice();
      copy[index] = message;
      update({ messages: copy }, mode);
    },
    schedule: throttle.schedule,
    afterPublish(callback) {
      if (throttle.pending) callbacks.push(callback);
      else callback();
    },
  };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
