import { TimeoutError } from "./errors";
import { abortable, noop } from "./signals";

/** setTimeout fires at once for delays above 2^31 - 1 ms, so longer limits are capped to it. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

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
 * Starts a timer that aborts `controller` with a `TimeoutError` after `ms`; returns the function that stops it.
 * A non-finite `ms` means no limit (a bare `setTimeout(fn, Infinity)` would fire at once).
 */
export function startTimeout(ms: number, controller: AbortController, message: string): () => void {
  if (!Number.isFinite(ms)) return noop;
  const timer = setTimeout(() => controller.abort(new TimeoutError(message)), Math.min(ms, MAX_TIMER_MS));
  return () => clearTimeout(timer);
}
