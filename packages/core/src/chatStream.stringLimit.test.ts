import { describe, expect, it, vi } from "vitest";
import { ChatStream } from "./chatStream";
import { ParleyError, StreamError } from "./errors";
import { sseFrames } from "./test/fakeFetch";

// A reply past V8's string limit (about 512 MB) cannot be built: joining its text throws a RangeError, once in the
// read and again whenever the reply so far is asked for. Half a gigabyte is too much for a test, so the builder
// here throws as it would then; everything else is the real stream.
const limit = vi.hoisted(() => ({ reached: false }));
vi.mock("./replyBuilder", async (importOriginal) => {
  const real = await importOriginal<typeof import("./replyBuilder")>();
  return {
    ...real,
    createReplyBuilder() {
      const builder = real.createReplyBuilder();
      return {
        add: builder.add,
        draft() {
          if (limit.reached) throw new RangeError("Invalid string length");
          return builder.draft();
        },
      };
    },
  };
});

const events = [
  { type: "message-start", id: "r1", delta: { message: { role: "assistant" } } },
  { type: "content-start", index: 0, delta: { message: { content: { type: "text", text: "" } } } },
  { type: "content-delta", index: 0, delta: { message: { content: { text: "far too long" } } } },
  { type: "message-end", delta: { finish_reason: "COMPLETE" } },
];

describe("ChatStream past V8's string limit", () => {
  it("rejects with a StreamError, settles finalResponse() and aborts the request", async () => {
    limit.reached = true;
    const controller = new AbortController();
    const stream = new ChatStream(new Response(sseFrames(events)), { controller });
    const looped = (async () => {
      for await (const _ of stream);
    })();
    await expect(looped).rejects.toBeInstanceOf(StreamError);
    await expect(looped).rejects.toThrow("The stream broke: Invalid string length");
    const settled = await Promise.race([
      stream.finalResponse().then(
        () => "resolved",
        (error: unknown) => error,
      ),
      new Promise((resolve) => setTimeout(resolve, 1000, "pending")),
    ]);
    expect(ParleyError.isInstance(settled)).toBe(true);
    expect(controller.signal.aborted).toBe(true); // the connection goes
  });
});
