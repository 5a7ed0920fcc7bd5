import { ApiError, ConnectionError, parseRetryAfter } from "./errors";
import { wait } from "./timers";

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
