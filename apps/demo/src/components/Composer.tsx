import type { ChatStatus } from "@parley/core";
import { memo, type RefObject, useId, useState } from "react";
import { Shortcut } from "./Shortcut";

interface ComposerProps {
  status: ChatStatus;
  canRegenerate: boolean;
  /** The Message box, so the page can bring the focus back to it (after Stop, say). */
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onSend(text: string): void;
  onStop(): void;
  onRegenerate(): void;
}

const STATUS_TEXT: Record<ChatStatus, string> = {
  ready: "Ready",
  submitted: "Waiting for the first token…",
  streaming: "Streaming…",
  error: "Error",
};

/**
 * The message box and the run's controls. Enter sends, Shift+Enter starts a new line; Escape (anywhere on the
 * page) stops, see `ChatPage`. Memoised like the settings.
 */
export const Composer = memo(function Composer({
  status,
  canRegenerate,
  inputRef,
  onSend,
  onStop,
  onRegenerate,
}: ComposerProps) {
  const [text, setText] = useState("");
  const hintId = useId();
  const busy = status === "submitted" || status === "streaming";
  const canSend = text.trim() !== "" && !busy;
  const send = () => {
    if (!canSend) return;
    onSend(text.trim());
    setText("");
    // Send disables itself once the box is empty; the focus goes where the next message is typed.
    inputRef.current?.focus();
  };
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <textarea
        ref={inputRef}
        aria-label="Message"
        aria-describedby={hintId}
        placeholder="Ask something…"
        rows={2}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            send();
          }
        }}
      />
      <div className="composer-bar">
        {/* Plain text: the page's live region announces the changes, so this is not a live region too. */}
        <span className="chat-status" data-testid="chat-status" data-status={status}>
          <span className="dot" aria-hidden="true" />
          {STATUS_TEXT[status]}
        </span>
        <button type="button" className="secondary" onClick={onRegenerate} disabled={!canRegenerate}>
          Regenerate
        </button>
        <button type="button" className="secondary stop" onClick={onStop} disabled={!busy}>
          Stop
        </button>
        <button type="submit" disabled={!canSend}>
          Send
        </button>
      </div>
      <p className="key-hint" id={hintId}>
        <Shortcut keys={["Enter"]} /> sends · <Shortcut keys={["Shift", "Enter"]} /> new line ·{" "}
        <Shortcut keys={["Esc"]} /> stops the reply
      </p>
    </form>
  );
});
