import type { Chat, ChatSnapshot, UIMessage } from "../chat/types";
import { messageText } from "../messageText";

/** A snapshot in one line: `status | role[status]:text | ...`, plus error, pending calls and queue when present. */
export function describeSnapshot(snapshot: ChatSnapshot): string {
  const parts = [snapshot.status, ...snapshot.messages.map(describeMessage)];
  if (snapshot.error) parts.push(`!${snapshot.error.name}`);
  if (snapshot.pendingToolCalls.length)
    parts.push(`pending:${snapshot.pendingToolCalls.map((c) => c.id).join(",")}`);
  if (snapshot.queued.length) parts.push(`queued:${snapshot.queued.map(messageText).join(",")}`);
  return parts.join(" | ");
}

function describeMessage(message: UIMessage): string {
  switch (message.role) {
    case "assistant": {
      let out = `assistant[${message.status}]:${messageText(message)}`;
      if (message.tool_plan) out += ` plan:${message.tool_plan}`;
      if (message.tool_calls) out += ` calls:${message.tool_calls.map((c) => c.function.name).join(",")}`;
      return out;
    }
    case "tool":
      return `tool(${message.tool_call_id}):${typeof message.content === "string" ? message.content : JSON.stringify(message.content)}`;
    default:
      return `${message.role}:${messageText(message)}`;
  }
}

/** Every snapshot the chat publishes from now on, described; `snapshots` keeps the objects themselves. */
export function recordHistory(chat: Chat): { lines: string[]; snapshots: ChatSnapshot[]; stop(): void } {
  const lines: string[] = [];
  const snapshots: ChatSnapshot[] = [];
  const stop = chat.subscribe(() => {
    const snapshot = chat.getSnapshot();
    snapshots.push(snapshot);
    lines.push(describeSnapshot(snapshot));
  });
  return { lines, snapshots, stop };
}

/** Sequential ids, so histories are exact. */
export function sequentialIds(): () => string {
  let n = 0;
  return () => `m${++n}`;
}
