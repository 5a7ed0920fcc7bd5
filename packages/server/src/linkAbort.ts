/**
 * An abort controller that also aborts when `signal` does. (`AbortSignal.any` is missing in edge-runtime and in
 * Node before 20.3.) Returns the controller and a function that unhooks it from `signal`.
 */
export function linkAbort(signal: AbortSignal | null | undefined): [AbortController, () => void] {
  const controller = new AbortController();
  if (!signal) return [controller, () => {}];
  if (signal.aborted) {
    controller.abort(signal.reason);
    return [controller, () => {}];
  }
  const abort = () => controller.abort(signal.reason);
  signal.addEventListener("abort", abort, { once: true });
  return [controller, () => signal.removeEventListener("abort", abort)];
}
