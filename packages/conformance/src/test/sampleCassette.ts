import type { Cassette } from "../cassette/cassette";
import { parseCassette } from "../cassette/parseCassette";

/** Frames stream events as Cohere does: one `event:`/`data:` pair per event, then `[DONE]`. */
export function sse(events: ReadonlyArray<{ type: string } & Record<string, unknown>>): string[] {
  return [
    ...events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
    "data: [DONE]\n\n",
  ];
}

export const streamEvents = [
  { id: "r1", type: "message-start", delta: { message: { role: "assistant", content: [] } } },
  { type: "content-start", index: 0, delta: { message: { content: { type: "text", text: "" } } } },
  { type: "content-delta", index: 0, delta: { message: { content: { text: "Grüße, " } } } },
  { type: "content-delta", index: 0, delta: { message: { content: { text: "世界 🌍" } } } },
  { type: "content-end", index: 0 },
  {
    type: "message-end",
    delta: {
      finish_reason: "COMPLETE",
      usage: {
        billed_units: { input_tokens: 1, output_tokens: 4 },
        tokens: { input_tokens: 1, output_tokens: 4 },
      },
    },
  },
];

export const sampleCassette: Cassette = parseCassette(
  {
    name: "sample",
    interactions: [
      {
        name: "plain",
        request: {
          method: "POST",
          path: "/v2/chat",
          body: { model: "m", messages: [{ role: "user", content: "Hi" }], stream: false },
        },
        response: {
          status: 200,
          headers: { "content-type": "application/json", "x-debug-trace-id": "abc" },
          body: { id: "r0", finish_reason: "COMPLETE", message: { role: "assistant", content: [] } },
        },
      },
      {
        name: "streamed",
        request: {
          method: "POST",
          path: "/v2/chat",
          body: { model: "m", messages: [{ role: "user", content: "Hi" }], stream: true },
        },
        response: {
          status: 200,
          headers: { "content-type": "text/event-stream" },
          chunks: sse(streamEvents),
          pacing: [10, 20, 30, 40, 50, 60, 70],
        },
      },
    ],
  },
  "sample.json",
);

/** Reads a body chunk by chunk, as strings (the chunks here never split a character unless a test asks). */
export async function readChunks(response: Response): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = response.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  return chunks;
}

export function text(chunks: readonly Uint8Array[]): string {
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join("") + decoder.decode();
}

export function postChat(body: unknown, init: RequestInit = {}): [string, RequestInit] {
  return [
    "http://api.test/v2/chat",
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), ...init },
  ];
}
