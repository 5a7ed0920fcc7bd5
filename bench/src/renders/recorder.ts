import { useLayoutEffect } from "react";
import type { RenderResult } from "../tasks";
import { FRAME_MS } from "./frame";

/** Counts what one chat component does while a reply streams into it. */
export interface Recorder {
  /** The component rendered. */
  rendered(): void;
  /** React committed the component, showing `text`; `finished` once the hook says the reply is over. */
  committed(text: string, finished: boolean, error: unknown): void;
  /** The send went out: commits from here on are counted. */
  started(): void;
  /** The fake network handed over a read. */
  read(index: number, at: number): void;
  /** Resolves once the full expected text is on screen and the hook says the reply is over. */
  result: Promise<RenderResult>;
}

/** Read index of the first content-delta: reads 0 and 1 carry message-start and content-start. */
const FIRST_TOKEN_READ = 2;

export function createRecorder(expected: string, timeoutMs: number): Recorder {
  let counting = false;
  let renders = 0;
  const commits: number[] = [];
  let firstReadAt = Number.NaN;
  let firstTokenReadAt = Number.NaN;
  let firstTokenShownAt = Number.NaN;
  let settle!: (result: RenderResult) => void;
  let fail!: (error: unknown) => void;
  const result = new Promise<RenderResult>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const timeout = setTimeout(
    () => fail(new Error(`the reply did not finish within ${timeoutMs} ms`)),
    timeoutMs,
  );

  const commit = (text: string, finished: boolean, error: unknown) => {
    if (!counting) return;
    const now = performance.now();
    commits.push(now);
    if (error) return fail(error);
    if (text.length > 0 && Number.isNaN(firstTokenShownAt)) firstTokenShownAt = now;
    if (!finished || text.length < expected.length) return;
    clearTimeout(timeout);
    if (text !== expected) return fail(new Error("the rendered text differs from the expected text"));
    const perFrame = new Map<number, number>();
    for (const at of commits) {
      const frame = Math.floor(at / FRAME_MS);
      perFrame.set(frame, (perFrame.get(frame) ?? 0) + 1);
    }
    const durationMs = now - firstReadAt;
    const firstFrame = Math.floor(commits[0]! / FRAME_MS);
    const crowdedFrames = [...perFrame].filter(([, count]) => count > 1).map(([frame]) => frame - firstFrame);
    settle({
      commits: commits.length,
      renders,
      durationMs,
      frames: durationMs / FRAME_MS,
      maxCommitsPerFrame: Math.max(...perFrame.values()),
      crowdedFrames,
      firstTokenMs: firstTokenShownAt - firstTokenReadAt,
    });
  };

  return {
    rendered() {
      if (counting) renders++;
    },
    committed: commit,
    started() {
      counting = true;
    },
    read(index, at) {
      if (index === 0) firstReadAt = at;
      if (index === FIRST_TOKEN_READ) firstTokenReadAt = at;
    },
    result,
  };
}

/** Records every render and every commit of the calling component (a layout effect without deps runs per commit). */
export function useRecorder(recorder: Recorder, text: string, finished: boolean, error: unknown): void {
  recorder.rendered();
  useLayoutEffect(() => recorder.committed(text, finished, error));
}
