import { describe, expect, it } from "vitest";
import { ChatStream } from "./chatStream";
import { AbortError, StreamError } from "./errors";
import { sseFrames } from "./test/fakeFetch";
import { delta, start, textStart } from "./test/streamEvents";
import type { StreamEvent } from "./types";

const messageEnd = { type: "message-end", delta: { finish_reason: "COMPLETE", usage: {} } };

/** A body with these chunks whose cancel() is recorded, and that stays open after its last chunk. */
function openBody(chunks: string[]) {
  let cancelled = false;
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk === undefined) return new Promise<void>(() => {});
      controller.enqueue(new TextEncoder().encode(chunk));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { body, cancelled: () => cancelled };
}

describe("ChatStream when it ends early", () => {
  it("cancels the body of a malformed stream instead of leaving the connection open", async () => {
    const { body, cancelled } = openBody([`${sseFrames([start], false)}data: {oops\n\n`]);
    const stream = new ChatStream(new Response(body));
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(StreamError);
    expect(cancelled()).toBe(true);
  });

  it("stops at once on abort(), even with events of the same network read still waiting", async () => {
    const stream = new ChatStream(
      new Response(sseFrames([start, textStart, delta("a"), delta("b"), messageEnd])),
    );
    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of stream) {
        seen.push(event.type);
        if (event.type === "content-start") stream.abort();
      }
    })();
    await expect(reading).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual(["message-start", "content-start"]);
  });

  it("resolves finalResponse() when the loop leaves after message-end, since the reply is complete", async () => {
    const { body, cancelled } = openBody([sseFrames([start, textStart, delta("Hi"), messageEnd], false)]);
    const stream = new ChatStream(new Response(body));
    for await (const event of stream as AsyncIterable<StreamEvent>) if (event.type === "message-end") break;
    await expect(stream.text()).resolves.toBe("Hi");
    expect(cancelled()).toBe(true); // the request is still released
  });

  it("rejects finalResponse() with AbortError when the loop leaves before message-end", async () => {
    const stream = new ChatStream(new Response(sseFrames([start, textStart, delta("Hi"), messageEnd])));
    for await (const event of stream as AsyncIterable<StreamEvent>) if (event.type === "content-delta") break;
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(AbortError);
  });
});
