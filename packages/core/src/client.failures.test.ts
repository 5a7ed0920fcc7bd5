import { describe, expect, it } from "vitest";
import { ClientV2 } from "./client";
import { ConnectionError, ParleyError, StreamError } from "./errors";
import { brokenBody, fakeFetch, sseFrames } from "./test/fakeFetch";
import type { ChatRequest } from "./types";

const REQUEST: ChatRequest = { model: "command-a-03-2025", messages: [{ role: "user", content: "Hi" }] };

/** What `run` rejects with. */
async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("ClientV2 when the unforeseen happens", () => {
  it("fails with a ParleyError, not a TypeError, when fetch resolves to something that is not a Response", async () => {
    const fetch = fakeFetch(() => undefined as unknown as Response);
    const error = await rejection(() => new ClientV2({ apiKey: "k", fetch, maxRetries: 0 }).chat(REQUEST));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/^Could not reach https:\/\/api\.cohere\.com\/v2\/chat: /);
  });

  it("fails with a ParleyError, not a TypeError, for a request JSON cannot carry, with validation off", async () => {
    const api = new ClientV2({ apiKey: "k", fetch: fakeFetch(), validate: false });
    const request = { ...REQUEST, seed: 1n } as unknown as ChatRequest;
    const error = await rejection(() => api.chat(request));
    expect(ParleyError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^The call failed: TypeError: .*BigInt/);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("turns a RangeError out of the body into a StreamError that keeps the partial reply", async () => {
    const frames = sseFrames(
      [
        { type: "message-start", id: "r1", delta: { message: { role: "assistant" } } },
        {
          type: "content-start",
          index: 0,
          delta: { message: { content: { type: "text", text: "so far" } } },
        },
      ],
      false,
    );
    const body = brokenBody([frames], new RangeError("Invalid string length"));
    const response = new Response(body, { headers: { "content-type": "text/event-stream" } });
    const stream = await new ClientV2({ apiKey: "k", fetch: fakeFetch(response) }).chatStream(REQUEST);
    const error = (await rejection(() => stream.finalResponse())) as StreamError;
    expect(error).toBeInstanceOf(StreamError);
    expect(error.kind).toBe("broken");
    expect(error.partial?.message.content).toEqual([{ type: "text", text: "so far" }]);
  });
});
