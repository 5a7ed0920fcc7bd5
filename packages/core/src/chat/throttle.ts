export interface Throttle {
  /** Publish soon: at once if the last publish is at least an interval old, else when it will be. */
  schedule(): void;
  /** Publish now (a pending one included). */
  flush(): void;
  /**
   * Publish at once, unless the last publish was a scheduled one less than an interval ago: then when it is an
   * interval old. A status change after a throttled publish so never lands in the same frame as it.
   */
  flushApart(): void;
  /** Whether a publish waits for its timer. */
  readonly pending: boolean;
}

/**
 * Coalesces publishes to at most one per `intervalMs()` of wall-clock time, leading edge first so the first update
 * after a quiet spell shows at once. `publish` says whether it published anything. It uses `setTimeout` and
 * `Date.now`, not `requestAnimationFrame`: test DOMs run animation frames far faster than a screen, and servers and
 * workers have none.
 */
export function createThrottle(publish: () => boolean, intervalMs: () => number): Throttle {
  let last = Number.NEGATIVE_INFINITY;
  let lastScheduled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The pending publish carries a status change (`flushApart`), not only throttled updates. */
  let apart = false;

  // Date.now() counts whole milliseconds and truncates, so two readings an integer n apart may be as little as n - 1
  // real milliseconds apart: wait one more than the interval rounded up, and never publish early.
  const gap = () => {
    const ms = intervalMs();
    return ms > 0 ? Math.ceil(ms) + 1 : 0;
  };
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    apart = false;
  };
  const run = (scheduled: boolean) => {
    cancel();
    if (!publish()) return;
    last = Date.now();
    lastScheduled = scheduled;
    // The interval counts from when subscribers have rendered what was published: a binding such as React's renders
    // in a microtask it queued during publish(), so it runs before this one. A render held up (a busy machine, a
    // garbage collection) then delays the next publish instead of landing in the same frame as it.
    queueMicrotask(() => {
      last = Math.max(last, Date.now());
    });
  };
  // Publishes once an interval has passed since the last publish; else waits for it. Timers may fire early (Node
  // starts their clock at the event loop's last tick, not at the setTimeout call), so every firing checks again.
  const fire = () => {
    timer = undefined;
    const wait = last + gap() - Date.now();
    if (wait > 0) timer = setTimeout(fire, wait);
    else run(!apart);
  };

  return {
    schedule() {
      if (timer === undefined) fire();
    },
    flush() {
      run(false);
    },
    flushApart() {
      if (!lastScheduled) return run(false);
      apart = true;
      if (timer === undefined) fire();
    },
    get pending() {
      return timer !== undefined;
    },
  };
}
