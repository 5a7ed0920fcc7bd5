/** A failed run: what went wrong, in the client's words, and a way to try again without retyping. */
export function ErrorNotice({ error, onRetry }: { error: Error; onRetry(): void }) {
  const requestId = (error as { requestId?: unknown }).requestId;
  return (
    <div className="error-notice" role="alert">
      <div>
        <strong>{error.name}</strong>
        <span>{error.message}</span>
        {typeof requestId === "string" && <span className="muted">request id {requestId}</span>}
      </div>
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
