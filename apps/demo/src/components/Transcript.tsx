import type { ToolUIMessage, UIMessage, UserContent } from "@parley/core";
import { useEffect, useMemo, useRef } from "react";
import { AssistantTurn } from "./AssistantTurn";
import { EmptyState } from "./EmptyState";
import { UserTurn } from "./UserTurn";

interface TranscriptProps {
  messages: readonly UIMessage[];
  busy: boolean;
  onEdit(messageId: string, content: UserContent): void;
  onSuggestion(text: string): void;
}

/** The conversation. Tool results are shown inside the call they answer, not as turns of their own. */
export function Transcript({ messages, busy, onEdit, onSuggestion }: TranscriptProps) {
  const results = useMemo(() => {
    const byCall = new Map<string, ToolUIMessage>();
    for (const message of messages) if (message.role === "tool") byCall.set(message.tool_call_id, message);
    return byCall;
  }, [messages]);
  const lastUserId = lastUserTurnId(messages);
  const end = useStickToBottom(messages);

  return (
    <div className="transcript" role="log" aria-label="Conversation">
      {messages.length === 0 && <EmptyState onPick={onSuggestion} />}
      {messages.map((message) => {
        switch (message.role) {
          case "user":
            return (
              <UserTurn
                key={message.id}
                message={message}
                editable={message.id === lastUserId && !busy}
                onEdit={(content) => onEdit(message.id, content)}
              />
            );
          case "assistant":
            return <AssistantTurn key={message.id} message={message} results={results} />;
          default:
            return null;
        }
      })}
      <div ref={end} />
    </div>
  );
}

function lastUserTurnId(messages: readonly UIMessage[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === "user") return messages[i]?.id;
  return undefined;
}

/** Keeps the newest text in view while it streams, unless the reader has scrolled up to read. */
function useStickToBottom(messages: readonly UIMessage[]) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const anchor = end.current;
    const box = anchor?.parentElement;
    if (!anchor || !box) return;
    const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 120;
    if (nearBottom || messages.length <= 1) anchor.scrollIntoView({ block: "end" });
  }, [messages]);
  return end;
}
