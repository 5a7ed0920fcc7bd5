import { useEffect, useId, useRef, useState } from "react";

interface EditTurnFormProps {
  initial: string;
  onSave(text: string): void;
  onCancel(): void;
}

/** Rewrites the last user turn in place; saving drops the reply to it and asks again. */
export function EditTurnForm({ initial, onSave, onCancel }: EditTurnFormProps) {
  const [text, setText] = useState(initial);
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  // The editor opens on request (the Edit button), so moving focus into it is expected.
  useEffect(() => box.current?.focus(), []);
  const trimmed = text.trim();
  return (
    <form
      className="edit-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed) onSave(trimmed);
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Edit message
      </label>
      <textarea ref={box} id={id} value={text} onChange={(event) => setText(event.target.value)} rows={3} />
      <div className="row end">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={!trimmed}>
          Save and resend
        </button>
      </div>
    </form>
  );
}
