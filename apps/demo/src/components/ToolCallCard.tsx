import type { AssistantUIMessage, Chat, ChatSnapshot, ToolCall, ToolUIMessage } from "@parley/core";
import { useChatSelector } from "@parley/react";
import { useCallback } from "react";

interface ToolCallCardProps {
  chat: Chat;
  call: ToolCall;
  replyStatus: AssistantUIMessage["status"];
}

/** A tool call with its arguments as they stream in, and its result once the tool has run in the browser. */
export function ToolCallCard({ chat, call, replyStatus }: ToolCallCardProps) {
  // The tool message answering this call, once there is one; it renders the card again only when it arrives.
  const result = useChatSelector(
    chat,
    useCallback((snapshot: ChatSnapshot) => findResult(snapshot, call.id), [call.id]),
  );
  const state = result
    ? "done"
    : replyStatus === "streaming" || replyStatus === "complete"
      ? "running"
      : "no result";
  return (
    <section className="tool-call" aria-label={`Tool call ${call.function.name}`} data-state={state}>
      <div className="tool-call-head">
        <span className="label">Tool</span>
        <code>{call.function.name}</code>
        <span className="tool-state">
          {state === "done" ? "✓ done" : state === "running" ? "running…" : "no result"}
        </span>
      </div>
      <pre className="tool-args">{prettyJson(call.function.arguments) || "{}"}</pre>
      {result && (
        <div className="tool-result">
          <span className="label">Result</span>
          <pre>{resultText(result.content)}</pre>
        </div>
      )}
    </section>
  );
}

/** Arguments stream as a JSON string; show them pretty once they parse, as they are until then. */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function resultText(content: ToolUIMessage["content"]): string {
  if (typeof content === "string") return prettyJson(content);
  return content
    .map((part) => (part.type === "text" ? part.text : JSON.stringify(part.document.data, null, 2)))
    .join("\n");
}

function findResult({ messages }: ChatSnapshot, callId: string): ToolUIMessage | undefined {
  for (const message of messages)
    if (message.role === "tool" && message.tool_call_id === callId) return message;
  return undefined;
}
