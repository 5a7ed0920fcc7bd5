import { accumulate, createReplyDraft, type ReplyDraft, toChatResponse } from "../accumulate";
import { ConnectionError, StreamError, TimeoutError } from "../errors";
import type { ChatContext, Outcome, Run } from "./context";
import { asError } from "./guard";
import type { AssistantUIMessage, FinishReasonKind } from "./types";
import { hasVisibleContent, toReplyMessage } from "./uiMessages";
import { buildChatRequest } from "./wireRequest";

/**
 * One request of a run: streams one reply into `messages`. Per event it only notes that the reply moved on and asks
 * for a throttled publish; the UI message is built from the stream's assembled reply when a snapshot is published.
 */
export async function replyStep(ctx: ChatContext, r: Run): Promise<Outcome> {
  const { options } = ctx;
  ctx.update({ status: "submitted", error: undefined }, "apart");
  // A plain AsyncIterable of events has no builder of its own: the store runs the one reducer over it.
  let own = createReplyDraft();
  r.draft = () => own;
  r.shown = undefined;
  r.dirty = false;
  // True while the stream itself is being read, so a failure there can count as a disconnect.
  let iterating = false;
  try {
    const request = buildChatRequest(ctx.state.messages, options);
    const headers = typeof options.headers === "function" ? options.headers() : options.headers;
    const stream = await options.client.chatStream(request, { signal: r.controller.signal, headers });
    // A ChatStream has assembled the reply already: the store reads it there instead of reducing the events again.
    const assembled = typeof stream.snapshot === "function";
    if (assembled) r.draft = () => stream.snapshot!();
    iterating = true;
    for await (const event of stream) {
      if (ctx.run !== r) break; // leaving the loop closes the stream
      iterating = false;
      if (!assembled) own = accumulate(own, event);
      // message-end changes only usage and finish reason: the final status shows them.
      if (event.type !== "message-end") {
        if (r.inserted) {
          r.dirty = true;
          ctx.schedule();
        } else showFirst(ctx, r);
      }
      iterating = true;
    }
  } catch (error) {
    if (ctx.run !== r) return { reason: "stopped" };
    const reason = iterating && r.draft().started && isDisconnect(error) ? "disconnected" : "error";
    settleReply(ctx, r, reason);
    return { reason, error: asError(error) };
  }
  if (ctx.run !== r) return { reason: "stopped" };
  const draft = r.draft();
  if (!draft.ended) {
    settleReply(ctx, r, "disconnected");
    return {
      reason: "disconnected",
      error: new StreamError("The stream ended before message-end", {
        partial: toChatResponse(draft),
        kind: "incomplete",
      }),
    };
  }
  if (draft.finish_reason === "ERROR") {
    settleReply(ctx, r, "error");
    const message = `The model failed while generating: ${draft.error ?? "no reason given"}`;
    return { reason: "error", error: new StreamError(message, { partial: toChatResponse(draft) }) };
  }
  settleReply(ctx, r, "complete");
  return { reason: "complete" };
}

/**
 * Writes the streaming reply as it stands into the working state, if events came since it was last built. The
 * publisher calls it before each publish: once a frame while streaming, not once an event.
 */
export function refreshReply(ctx: ChatContext, r: Run): void {
  if (!r.dirty) return;
  const draft = r.draft();
  // Events that change nothing (content-end, ...) build nothing.
  if (draft === r.shown) r.dirty = false;
  else setReply(ctx, r, draft, "streaming");
}

/** The reply enters `messages` (and status turns `streaming`) once it shows something: the first token, at once. */
function showFirst(ctx: ChatContext, r: Run): void {
  const draft = r.draft();
  if (!hasVisibleContent(draft.message)) return;
  setReply(ctx, r, draft, "streaming");
  r.inserted = true;
  ctx.update({ messages: [...ctx.state.messages, r.reply], status: "streaming" }, "now");
}

/** Gives the step's reply its final status. A reply that never showed anything enters only when complete. */
function settleReply(ctx: ChatContext, r: Run, status: FinishReasonKind): void {
  setReply(ctx, r, r.draft(), status);
  if (!r.inserted && status === "complete") {
    r.inserted = true;
    ctx.update({ messages: [...ctx.state.messages, r.reply] }, "none");
  }
}

/** Builds the reply from `draft` (the one place the store does) and, once it is in `messages`, writes it there. */
function setReply(ctx: ChatContext, r: Run, draft: ReplyDraft, status: AssistantUIMessage["status"]): void {
  r.dirty = false;
  r.shown = draft;
  r.reply = toReplyMessage(r.reply.id, draft, status);
  if (r.inserted) ctx.setMessage(r.reply, "none");
}

/**
 * Whether a failure while reading cut off a reply that had begun: a dropped connection, a silent one, or a stream
 * that broke or ended early. A malformed stream is an error of the server's, not a disconnect.
 */
function isDisconnect(error: unknown): boolean {
  return (
    error instanceof ConnectionError ||
    error instanceof TimeoutError ||
    (error instanceof StreamError && error.kind !== "malformed")
  );
}
