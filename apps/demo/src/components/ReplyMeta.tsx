import type { AssistantUIMessage } from "@parley/core";

/** How the model's finish reasons read to people. */
const FINISH_LABELS: Record<string, string> = {
  COMPLETE: "Complete",
  STOP_SEQUENCE: "Stop sequence",
  MAX_TOKENS: "Max tokens",
  TOOL_CALL: "Tool call",
  ERROR: "Error",
  TIMEOUT: "Timeout",
};

/** Under each finished reply: why it ended and what it cost in tokens. */
export function ReplyMeta({ message }: { message: AssistantUIMessage }) {
  const reason = message.finish_reason;
  const ending =
    message.status === "stopped"
      ? "Stopped"
      : message.status === "disconnected"
        ? "Disconnected"
        : reason
          ? (FINISH_LABELS[reason] ?? reason)
          : message.status === "error"
            ? "Error"
            : undefined;
  const tokens = message.usage?.tokens;
  const billed = message.usage?.billed_units;
  return (
    <footer className="reply-meta">
      {ending && (
        <span
          className="finish"
          data-finish={reason ?? message.status}
          title={reason ? `finish_reason: ${reason}` : undefined}
        >
          {ending}
        </span>
      )}
      {tokens && (
        <span className="usage">
          {tokens.input_tokens ?? "?"} in · {tokens.output_tokens ?? "?"} out tokens
        </span>
      )}
      {billed &&
        (billed.input_tokens !== tokens?.input_tokens || billed.output_tokens !== tokens?.output_tokens) && (
          <span className="muted">
            billed {billed.input_tokens ?? 0} in · {billed.output_tokens ?? 0} out
          </span>
        )}
    </footer>
  );
}
