import { expect } from "vitest";
import { type controlledStream, replyFrames } from "./fakeUpstream";

/**
 * Pushes a reply's first two frames into the upstream's `stream` one at a time and checks each comes out of
 * `response` before the next goes in (nothing on the way holds a chunk back), then that the end comes through.
 */
export async function expectStreamedThrough(
  response: Response,
  stream: ReturnType<typeof controlledStream>,
): Promise<void> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const [first, second] = replyFrames(["Hel", "lo"]);
  stream.push(first!);
  expect((await reader.read()).value).toBe(first);
  stream.push(second!);
  expect((await reader.read()).value).toBe(second);
  stream.end();
  expect((await reader.read()).done).toBe(true);
}
