import { cohereStreamEvents, makeTokens } from "../corpus";
import { pacedFetch } from "../fakeFetch";
import type { RenderResult, RenderTask } from "../tasks";
import { installDom } from "./dom";
import { createRecorder } from "./recorder";

/** Mounts one chat component under happy-dom, sends once, and records its commits until the reply is done. */
export async function runRender(task: RenderTask): Promise<RenderResult> {
  installDom();
  // react-dom reads the DOM globals when it loads, so it comes after installDom().
  const { createRoot } = await import("react-dom/client");
  const tokens = makeTokens(task.tokens, 5);
  const expected = tokens.join("");
  const encoder = new TextEncoder();
  // One event per read: every token arrives on its own, the worst case for render counts.
  const reads = cohereStreamEvents(tokens).map((event) => encoder.encode(event));
  const recorder = createRecorder(expected, task.tokens * task.delayMs * 10 + 10_000);
  const fetch = pacedFetch(reads, task.delayMs, recorder.read);
  const element =
    task.client === "@parley/react"
      ? (await import("./parley")).parleyChat(fetch, recorder)
      : (await import("./aiSdk")).aiSdkChat(
          fetch,
          recorder,
          task.client === "@ai-sdk/react" ? undefined : 50,
        );
  const container = document.createElement("div");
  document.body.appendChild(container);
  const root = createRoot(container);
  root.render(element);
  try {
    return await recorder.result;
  } finally {
    root.unmount();
  }
}
