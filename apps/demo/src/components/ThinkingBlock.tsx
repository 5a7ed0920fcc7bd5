/** The model's reasoning, folded away: it streams in, but only those who open it read it. */
export function ThinkingBlock({ text, streaming }: { text: string; streaming: boolean }) {
  const words = text.trim() ? text.trim().split(/\s+/).length : 0;
  return (
    <details className="thinking">
      <summary>
        {streaming ? "Thinking…" : "Thought"} <span className="muted">({words} words)</span>
      </summary>
      <p>{text}</p>
    </details>
  );
}
