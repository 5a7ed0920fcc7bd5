import { useEffect, useRef } from "react";

/**
 * Calls `onEscape` when Escape is pressed anywhere on the page while `enabled`, unless something closer to the
 * focus handled the key first (an editor cancelling, say, calls `preventDefault`).
 */
export function useEscapeKey(enabled: boolean, onEscape: () => void): void {
  // The latest callback, without re-adding the listener on each render.
  const callback = useRef(onEscape);
  callback.current = onEscape;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented || event.isComposing) return;
      event.preventDefault();
      callback.current();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
