/**
 * A failed run: the error's class and message as the client raised them (the message already names the
 * status and Cohere's request id), and a way to try again without retyping.
 */
export function ErrorNotice({ error, onRetry }: { error: Error; onRetry(): void }) {
  return (
    <div className="error-notice" role="alert">
      <div>
        <strong>{error.name}</strong>
        <span>{error.message}</span>
      </div>
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
