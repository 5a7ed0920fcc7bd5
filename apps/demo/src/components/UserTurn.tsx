import { messageText, type UserContent, type UserUIMessage } from "@parley/core";
import { useState } from "react";
import { EditTurnForm } from "./EditTurnForm";

interface UserTurnProps {
  message: UserUIMessage;
  /** Only the last user turn can be edited, and not while a reply is on its way. */
  editable: boolean;
  onEdit(content: UserContent): void;
}

export function UserTurn({ message, editable, onEdit }: UserTurnProps) {
  const [editing, setEditing] = useState(false);
  const text = messageText(message);
  return (
    <article className="turn user" aria-label="You">
      {editing ? (
        <EditTurnForm
          initial={text}
          onCancel={() => setEditing(false)}
          onSave={(content) => {
            setEditing(false);
            onEdit(content);
          }}
        />
      ) : (
        <>
          <div className="bubble">{text}</div>
          {editable && (
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
        </>
      )}
    </article>
  );
}
