import { messageText, type UserContent, type UserUIMessage } from "@parley/core";
import { memo, useEffect, useRef, useState } from "react";
import { EditTurnForm } from "./EditTurnForm";

interface UserTurnProps {
  message: UserUIMessage;
  /** Only the last user turn can be edited, and not while a reply is on its way. */
  editable: boolean;
  onEdit(messageId: string, content: UserContent): void;
}

export const UserTurn = memo(function UserTurn({ message, editable, onEdit }: UserTurnProps) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  // Cancelling puts the focus back where it came from; saving leaves it to the page (the Message box).
  useEffect(() => {
    if (!editing && cancelled.current) {
      cancelled.current = false;
      editButton.current?.focus();
    }
  }, [editing]);
  const text = messageText(message);
  return (
    <article className="turn user" aria-label="You">
      {editing ? (
        <EditTurnForm
          initial={text}
          onCancel={() => {
            cancelled.current = true;
            setEditing(false);
          }}
          onSave={(content) => {
            setEditing(false);
            onEdit(message.id, content);
          }}
        />
      ) : (
        <>
          <div className="bubble">{text}</div>
          {editable && (
            <button ref={editButton} type="button" className="link-button" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
        </>
      )}
    </article>
  );
});
