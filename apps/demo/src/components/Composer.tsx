import type { ChatStatus } from "@parley/core";
import { memo, useState } from "react";

interface ComposerProps {
  status: ChatStatus;
  canRegenerate: boolean;
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

/** The message box and the run's controls. Enter sends, Shift+Enter starts a new line. Memoised like the settings. */
export const Composer = memo(function Composer({
  status,
  canRegenerate,
  onSend,
  onStop,
  onRegenerate,
}: ComposerProps) {
  const [text, setText] = useState("");
  const busy = status === "submitted" || status === "streaming";
  const canSend = text.trim() !== "" && !busy;
  const send = () => {
    if (!canSend) return;
    onSend(text.trim());
    setText("");
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
        aria-label="Message"
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
        <output className="chat-status" data-testid="chat-status" data-status={status}>
          <span className="dot" aria-hidden="true" />
          {STATUS_TEXT[status]}
        </output>
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
    </form>
  );
});
