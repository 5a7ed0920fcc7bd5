import type { Chat, UserContent } from "@parley/core";
import { useChatMessage } from "@parley/react";
import { memo } from "react";
import { AssistantTurn } from "./AssistantTurn";
import { UserTurn } from "./UserTurn";

interface TranscriptTurnProps {
  chat: Chat;
  id: string;
  editable: boolean;
  onEdit(messageId: string, content: UserContent): void;
}

/**
 * One message of the transcript, read by id: it renders again only when its own message changes. Tool results
 * are not turns of their own; each shows inside the call it answers.
 */
export const TranscriptTurn = memo(function TranscriptTurn({
  chat,
  id,
  editable,
  onEdit,
}: TranscriptTurnProps) {
  const message = useChatMessage(chat, id);
  switch (message?.role) {
    case "user":
      return <UserTurn message={message} editable={editable} onEdit={onEdit} />;
    case "assistant":
      return <AssistantTurn chat={chat} message={message} />;
    default:
      return null;
  }
});
