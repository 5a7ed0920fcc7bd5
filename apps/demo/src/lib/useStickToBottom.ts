import { useEffect, useRef } from "react";

/** How close to the bottom (px) still counts as reading the newest text. */
const NEAR_BOTTOM = 120;

/**
 * Keeps the newest text in view while it streams, unless the reader has scrolled up to read. `box` is the
 * scrolling element, `content` what grows inside it; growth is watched directly, because the list itself does
 * not render again for each streamed token. A new `turn` (the reader sent a message) brings the view back down.
 */
export function useStickToBottom<Box extends HTMLElement, Content extends HTMLElement>(turn: unknown) {
  const box = useRef<Box>(null);
  const content = useRef<Content>(null);
  const stuck = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new turn is the trigger, its value is not read
  useEffect(() => {
    stuck.current = true;
    const scroller = box.current;
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }, [turn]);
  useEffect(() => {
    const scroller = box.current;
    const inner = content.current;
    if (!scroller || !inner) return;
    const onScroll = () => {
      stuck.current = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM;
    };
    const observer = new ResizeObserver(() => {
      if (stuck.current) scroller.scrollTop = scroller.scrollHeight;
    });
    scroller.addEventListener("scroll", onScroll, { passive: true });
    observer.observe(inner);
    return () => {
      scroller.removeEventListener("scroll", onScroll);
      observer.disconnect();
    };
  }, []);
  return { box, content };
}
