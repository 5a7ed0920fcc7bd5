import { Window } from "happy-dom";
import { FRAME_MS } from "./frame";

/**
 * Installs a happy-dom document as the global one, so react-dom renders as in a browser, and replaces
 * happy-dom's `requestAnimationFrame` (a `setImmediate`, i.e. no frames at all) with one that fires at the
 * next 60 Hz boundary as a browser's does: a library that batches per frame is measured as it behaves in a
 * browser, and one that does not gains nothing.
 */
export function installDom(): void {
  const window = new Window({ url: "http://127.0.0.1/" });
  const callbacks = new Map<number, FrameRequestCallback>();
  let nextId = 1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const due = [...callbacks];
    callbacks.clear();
    const now = performance.now();
    for (const [, callback] of due) callback(now);
  };
  const requestAnimationFrame = (callback: FrameRequestCallback): number => {
    callbacks.set(nextId, callback);
    if (timer === undefined) {
      const now = performance.now();
      timer = setTimeout(flush, (Math.floor(now / FRAME_MS) + 1) * FRAME_MS - now);
    }
    return nextId++;
  };
  const cancelAnimationFrame = (id: number) => {
    callbacks.delete(id);
  };
  Object.assign(window, { requestAnimationFrame, cancelAnimationFrame });
  const globals = globalThis as Record<string, unknown>;
  Object.assign(globals, {
    window,
    document: window.document,
    requestAnimationFrame,
    cancelAnimationFrame,
    HTMLElement: window.HTMLElement,
    HTMLIFrameElement: window.HTMLIFrameElement,
    Element: window.Element,
    Node: window.Node,
    Text: window.Text,
  });
  if (!("navigator" in globals)) globals.navigator = window.navigator;
}
