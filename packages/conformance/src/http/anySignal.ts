/**
 * A signal that aborts when any of `signals` does, with that signal's reason: `AbortSignal.any` for runtimes that
 * lack it (Node 20.0-20.2, edge runtimes). Listeners are removed once it aborts.
 */
export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  const already = signals.find((signal) => signal.aborted);
  if (already) {
    controller.abort(already.reason);
    return controller.signal;
  }
  const stop = () => {
    for (const signal of signals) signal.removeEventListener("abort", onAbort);
  };
  const onAbort = (event: Event) => {
    stop();
    controller.abort((event.target as AbortSignal).reason);
  };
  for (const signal of signals) signal.addEventListener("abort", onAbort, { once: true });
  return controller.signal;
}
