import { AbortError, TimeoutError } from "./errors";

/**
 * Settles like `promise`, or rejects with `signal.reason` the moment the signal aborts, even when whatever
 * `promise` waits for ignores the signal (a `fetch` that does not support it, a body that never ends).
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(noop);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Makes the caller's `signal` abort `controller` with an `AbortError` (a `TimeoutError` when the caller's own
 * signal timed out, as `AbortSignal.timeout()` does). Returns the function that undoes the link, so a
 * long-lived caller signal does not keep every finished call alive.
 */
export function linkSignal(signal: AbortSignal | undefined, controller: AbortController): () => void {
  if (!signal) return noop;
  const onAbort = () => {
    const reason: unknown = signal.reason;
    const timedOut = (reason as { name?: unknown } | undefined)?.name === "TimeoutError";
    controller.abort(
      timedOut
        ? new TimeoutError("The caller's signal timed out", { cause: reason })
        : new AbortError("The request was aborted", { cause: reason }),
    );
  };
  if (signal.aborted) {
    onAbort();
    return noop;
  }
  signal.addEventListener("abort", onAbort, { once: true });
  return () => signal.removeEventListener("abort", onAbort);
}

/** Stands in for a callback or a rejection handler that has nothing to do. */
export function noop(): void {}
