import type { Chat, UIMessage, UserContent } from "@parley/core";
import { useChatMessageIds, useChatSelector, useChatStatus } from "@parley/react";
import { memo } from "react";
import { useStickToBottom } from "../lib/useStickToBottom";
import { EmptyState } from "./EmptyState";
import { TranscriptTurn } from "./TranscriptTurn";

interface TranscriptProps {
  chat: Chat;
  onEdit(messageId: string, content: UserContent): void;
  onSuggestion(text: string): void;
}

/**
 * The conversation, rendered from the store through selector hooks: this list renders again only when a message
 * is added or removed (or the status changes), and while a reply streams only that reply's turn renders.
 */
export const Transcript = memo(function Transcript({ chat, onEdit, onSuggestion }: TranscriptProps) {
  const ids = useChatMessageIds(chat);
  const status = useChatStatus(chat);
  const lastUserId = useChatSelector(chat, selectLastUserId);
  const busy = status === "submitted" || status === "streaming";
  const { box, content } = useStickToBottom<HTMLDivElement, HTMLDivElement>(lastUserId);

  return (
    <div className="transcript" role="log" aria-label="Conversation" ref={box}>
      <div className="transcript-turns" ref={content}>
        {ids.length === 0 && <EmptyState onPick={onSuggestion} />}
        {ids.map((id) => (
          <TranscriptTurn
            key={id}
            chat={chat}
            id={id}
            editable={id === lastUserId && !busy}
            onEdit={onEdit}
          />
        ))}
      </div>
    </div>
  );
});

/** Only the last user turn can be edited; a string, so the list renders again only when it changes. */
function selectLastUserId({ messages }: { messages: readonly UIMessage[] }): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === "user") return messages[i]?.id;
  return undefined;
}
