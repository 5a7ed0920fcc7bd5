// The events of a minimal text reply, for tests that build streams by hand (recorded ones are in recordings.ts).

/** `message-start` of reply `r1`. */
export const start = { type: "message-start", id: "r1", delta: { message: { role: "assistant" } } } as const;

/** `content-start` of an empty text block at index 0. */
export const textStart = {
  type: "content-start",
  index: 0,
  delta: { message: { content: { type: "text", text: "" } } },
} as const;

/** `content-delta` adding `text` to the block at `index`. */
export const delta = (text: string, index = 0) =>
  ({ type: "content-delta", index, delta: { message: { content: { text } } } }) as const;

/** `message-end`: COMPLETE, with 1 input and 2 output tokens. */
export const end = {
  type: "message-end",
  delta: { finish_reason: "COMPLETE", usage: { tokens: { input_tokens: 1, output_tokens: 2 } } },
} as const;
