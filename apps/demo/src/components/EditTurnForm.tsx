import { useEffect, useId, useRef, useState } from "react";
import { Shortcut } from "./Shortcut";

interface EditTurnFormProps {
  initial: string;
  onSave(text: string): void;
  onCancel(): void;
}

/**
 * Rewrites the last user turn in place; saving drops the reply to it and asks again. Keys as in the Message box:
 * Enter saves and resends, Shift+Enter starts a new line, Escape cancels.
 */
export function EditTurnForm({ initial, onSave, onCancel }: EditTurnFormProps) {
  const [text, setText] = useState(initial);
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  // The editor opens on request (the Edit button), so moving focus into it is expected; the caret goes to the end.
  useEffect(() => {
    const field = box.current;
    field?.focus();
    field?.setSelectionRange(field.value.length, field.value.length);
  }, []);
  const trimmed = text.trim();
  const save = () => {
    if (trimmed) onSave(trimmed);
  };
  return (
    <form
      className="edit-form"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !event.nativeEvent.isComposing) {
          // Handled here: the page's Escape (stop the reply) must not act on it too.
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Edit message
      </label>
      <textarea
        ref={box}
        id={id}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            save();
          }
        }}
        rows={3}
        aria-describedby={`${id}-keys`}
      />
      <p className="key-hint" id={`${id}-keys`}>
        <Shortcut keys={["Enter"]} /> saves · <Shortcut keys={["Shift", "Enter"]} /> new line ·{" "}
        <Shortcut keys={["Esc"]} /> cancels
      </p>
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
