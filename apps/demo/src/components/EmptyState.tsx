const SUGGESTIONS = [
  "What happens to a reply when I press Stop?",
  "What time is it? Check the clock.",
  "Explain streaming in detail.",
];

/** The empty transcript: what this demo shows, and prompts that show it. */
export function EmptyState({ onPick }: { onPick(text: string): void }) {
  return (
    <div className="empty-state">
      <h1>Chat on the Cohere Chat API v2</h1>
      <p>
        Replies stream token by token. Stop keeps what arrived, citations point at the words they support, and
        tools run right here in your browser.
      </p>
      <ul className="suggestions" aria-label="Suggestions">
        {SUGGESTIONS.map((text) => (
          <li key={text}>
            <button type="button" onClick={() => onPick(text)}>
              {text}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
