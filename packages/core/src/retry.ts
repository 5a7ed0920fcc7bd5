import { AbortError, ApiError, ConnectionError, parseRetryAfter, TimeoutError } from "./errors";

/** The longest wait between two attempts, whatever a `Retry-After` header asks for. */
export const MAX_RETRY_DELAY_MS = 60_000;
const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 8_000;

export interface RetryOptions {
  /** Attempts after the first one. */
  maxRetries: number;
  /** Ends every wait at once; its `reason` is what the call rejects with. */
  signal: AbortSignal;
  /** Epoch milliseconds after which no attempt starts: one deadline for all attempts together. */
  deadline: number;
  /** Source of jitter, for tests. */
  random?: () => number;
}

/**
 * Runs `attempt` until it succeeds, retrying only what may succeed the second time: `ApiError`s marked
 * `retryable` (408, 409, 429, 500, 502, 503, 504) and `ConnectionError`s. When the server's `Retry-After`
 * would run past the deadline, the server's error is raised at once rather than a later `TimeoutError`.
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      if (options.signal.aborted) throw options.signal.reason; // nothing is sent for an aborted call
      return await attempt();
    } catch (error) {
      if (options.signal.aborted) throw options.signal.reason;
      const retryable = error instanceof ConnectionError || (error instanceof ApiError && error.retryable);
      if (!retryable || retry >= options.maxRetries) throw error;
      const delay = retryDelay(
        retry,
        error instanceof ApiError ? parseRetryAfter(error.headers) : undefined,
        options.random,
      );
      if (Date.now() + delay >= options.deadline) throw error;
      await wait(delay, options.signal);
    }
  }
}

/**
 * The wait before retry number `retry + 1` (`retry` counts from 0). The server's own wait wins, capped at
 * {@link MAX_RETRY_DELAY_MS}; otherwise 0.5 s doubling up to 8 s, less up to a quarter at random, so that
 * clients that failed together do not come back together.
 */
export function retryDelay(retry: number, retryAfterMs?: number, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_RETRY_DELAY_MS);
  return Math.min(BASE_DELAY_MS * 2 ** retry, MAX_BACKOFF_MS) * (1 - random() / 4);
}

/** Resolves after `ms`, or rejects with `signal.reason` the moment the signal aborts. */
export function wait(ms: number, signal: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  // Clearing the timer on abort keeps a 60 s wait from holding a Node process open after the caller gave up.
  return abortable(elapsed, signal).finally(() => clearTimeout(timer));
}

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

/**
 * Starts a timer that aborts `controller` with a `TimeoutError` after `ms`; returns the function that stops it.
 * A non-finite `ms` means no limit (a bare `setTimeout(fn, Infinity)` would fire at once).
 */
export function startTimeout(ms: number, controller: AbortController, message: string): () => void {
  if (!Number.isFinite(ms)) return noop;
  const timer = setTimeout(() => controller.abort(new TimeoutError(message)), Math.min(ms, MAX_TIMER_MS));
  return () => clearTimeout(timer);
}

export function noop(): void {}

/** setTimeout fires at once for delays above 2^31 - 1 ms, so longer limits are capped to it. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
