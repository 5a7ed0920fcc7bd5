import { describe, expect, it } from "vitest";
import { createStreamRecorder } from "./streamRecorder";

const frame = (event: { type: string; [field: string]: unknown }) =>
  `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
const start = frame({ type: "message-start", id: "r1" });
const delta = (text: string) =>
  frame({ type: "content-delta", index: 0, delta: { message: { content: { text } } } });
const end = frame({
  type: "message-end",
  delta: { finish_reason: "COMPLETE", usage: { tokens: { output_tokens: 2 } } },
});

/** A fetch whose event stream the test feeds chunk by chunk, and a clock the test moves. */
function setup(contentType = "text/event-stream") {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  let time = 0;
  const recorder = createStreamRecorder(
    async () => new Response(body, { headers: { "content-type": contentType } }),
    () => time,
  );
  const encoder = new TextEncoder();
  return {
    recorder,
    at(ms: number) {
      time = ms;
    },
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    close: () => controller.close(),
  };
}

describe("createStreamRecorder", () => {
  it("times every event of the stream while passing the bytes through unchanged", async () => {
    const { recorder, at, push, close } = setup();
    at(0);
    const response = await recorder.fetch("/v2/chat");
    // The client reads as bytes arrive, so each chunk is timed when it comes in.
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const read = async () => {
      text += (await reader.read()).value ?? "";
    };
    at(120);
    push(start + delta("Hel"));
    await read();
    at(150);
    push(delta("lo") + end);
    await read();
    push("data: [DONE]\n\n");
    close();
    await read();

    expect(text).toBe(`${start}${delta("Hel")}${delta("lo")}${end}data: [DONE]\n\n`);
    expect(recorder.getSnapshot()).toEqual({
      respondedAt: 0,
      state: "ended",
      outputTokens: 2,
      events: [
        { at: 120, type: "message-start", tokens: 0 },
        { at: 120, type: "content-delta", tokens: 1 },
        { at: 150, type: "content-delta", tokens: 1 },
        { at: 150, type: "message-end", tokens: 0 },
      ],
    });
  });

  it("gives a new snapshot object on every change and tells subscribers", async () => {
    const { recorder, push } = setup();
    let calls = 0;
    recorder.subscribe(() => calls++);
    const response = await recorder.fetch("/v2/chat");
    const before = recorder.getSnapshot();
    push(start);
    const reader = response.body!.getReader();
    await reader.read();
    expect(recorder.getSnapshot()).not.toBe(before);
    expect(calls).toBe(2);
  });

  it("marks a stream the reader cancelled as aborted, and one cut off before message-end as failed", async () => {
    const first = setup();
    const cancelled = await first.recorder.fetch("/v2/chat");
    first.push(start);
    await cancelled.body!.getReader().cancel();
    expect(first.recorder.getSnapshot()?.state).toBe("aborted");

    const second = setup();
    const cut = await second.recorder.fetch("/v2/chat");
    second.push(start + delta("Hi"));
    second.close();
    await cut.text();
    expect(second.recorder.getSnapshot()?.state).toBe("failed");
  });

  it("leaves responses that are not event streams alone", async () => {
    const { recorder } = setup("application/json");
    await recorder.fetch("/v2/chat");
    expect(recorder.getSnapshot()).toBeUndefined();
  });
});
