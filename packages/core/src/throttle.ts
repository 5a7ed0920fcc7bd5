export interface Throttle {
  /** Publish soon: at once if the last publish is at least an interval old, else when it will be. */
  schedule(): void;
  /** Publish now (a pending one included). */
  flush(): void;
  /** Drop a pending publish. */
  cancel(): void;
}

/**
 * Coalesces publishes to at most one per `intervalMs()` of wall-clock time, leading edge first so the first update
 * after a quiet spell shows at once. It uses `setTimeout` and `Date.now`, not `requestAnimationFrame`: test DOMs
 * run animation frames far faster than a screen, and servers and workers have none.
 */
export function createThrottle(publish: () => void, intervalMs: () => number): Throttle {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = () => {
    timer = undefined;
    last = Date.now();
    publish();
  };
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  return {
    schedule() {
      if (timer !== undefined) return;
      // Date.now() counts whole milliseconds, so round the wait up: never publish early.
      const wait = Math.ceil(last + intervalMs() - Date.now());
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    flush() {
      cancel();
      run();
    },
    cancel,
  };
}
