import type { AssistantUIMessage, ToolCall, ToolUIMessage } from "@parley/core";

interface ToolCallCardProps {
  call: ToolCall;
  /** The tool message answering this call, once there is one. */
  result: ToolUIMessage | undefined;
  replyStatus: AssistantUIMessage["status"];
}

/** A tool call with its arguments as they stream in, and its result once the tool has run in the browser. */
export function ToolCallCard({ call, result, replyStatus }: ToolCallCardProps) {
  const state = result
    ? "done"
    : replyStatus === "streaming" || replyStatus === "complete"
      ? "running"
      : "no result";
  return (
    <section className="tool-call" aria-label={`Tool call ${call.function.name}`} data-state={state}>
      <div className="tool-call-head">
        <span className="label">Tool</span>
        <code>{call.function.name}</code>
        <span className="tool-state">
          {state === "done" ? "✓ done" : state === "running" ? "running…" : "no result"}
        </span>
      </div>
      <pre className="tool-args">{prettyJson(call.function.arguments) || "{}"}</pre>
      {result && (
        <div className="tool-result">
          <span className="label">Result</span>
          <pre>{resultText(result.content)}</pre>
        </div>
      )}
    </section>
  );
}

/** Arguments stream as a JSON string; show them pretty once they parse, as they are until then. */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function resultText(content: ToolUIMessage["content"]): string {
  if (typeof content === "string") return prettyJson(content);
  return content
    .map((part) => (part.type === "text" ? part.text : JSON.stringify(part.document.data, null, 2)))
    .join("\n");
}
