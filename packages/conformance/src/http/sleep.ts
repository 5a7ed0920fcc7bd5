/**
 * Waits `ms` milliseconds (forever for `Infinity`), or rejects with the signal's reason once it aborts. Reads the
 * global `setTimeout` at call time, so fake timers in tests drive it.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      if (timer !== undefined) clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = Number.isFinite(ms)
      ? setTimeout(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        }, ms)
      : undefined;
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
