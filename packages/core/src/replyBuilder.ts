import { accumulate, createReplyDraft, type ReplyDraft, toChatResponse } from "./accumulate";
import type { ChatResponse, StreamEvent } from "./types";

/** Feeds a stream's events to {@link accumulate}; `draft()` is the reply so far. */
export interface ReplyBuilder {
  /** Takes the next event, in stream order. */
  add(event: StreamEvent): void;
  /** The reply assembled from the events added so far (the same draft until another event changes it). */
  draft(): ReplyDraft;
}

/**
 * Runs {@link accumulate} over a stream, merging each run of deltas for one content block into a single step: a
 * reply of 100,000 tokens costs a handful of reducer steps instead of 100,000 copies of the draft. `draft()` is
 * exactly what `accumulate` over every event gives, since joining the fragments first is the same concatenation.
 */
export function createReplyBuilder(): ReplyBuilder {
  let draft = createReplyDraft();
  let index: number | undefined; // the block whose deltas are waiting
  // Fragments are joined once: a rope of 100,000 concatenations would be 100,000 more live objects for the
  // garbage collector to walk.
  let fragments: string[] = [];
  const flush = () => {
    if (index === undefined) return;
    const content = { text: fragments.join("") };
    draft = accumulate(draft, { type: "content-delta", index, delta: { message: { content } } });
    index = undefined;
    fragments = [];
  };
  return {
    add(event) {
      // Odd indexes need no guard: the reducer ignores a merged delta exactly as it ignores each one.
      if (event.type !== "content-delta") {
        flush();
        draft = accumulate(draft, event);
        return;
      }
      if (event.index !== index) flush();
      index = event.index;
      const content = event.delta?.message?.content;
      fragments.push(content?.text ?? content?.thinking ?? "");
    },
    draft() {
      flush();
      return draft;
    },
  };
}

/** Events -> the reply, in one call. */
export function assembleResponse(events: Iterable<StreamEvent>): ChatResponse {
  const builder = createReplyBuilder();
  for (const event of events) builder.add(event);
  return toChatResponse(builder.draft());
}
