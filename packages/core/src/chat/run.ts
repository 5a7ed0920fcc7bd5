import { createReplyDraft } from "../accumulate";
import type { ToolContent } from "../types";
import type { ChatContext, Outcome, Run } from "./context";
import { asError, guard } from "./guard";
import { replyStep } from "./replyStep";
import { appendToolResults, runTool } from "./toolCalls";
import type { AssistantUIMessage, FinishReasonKind } from "./types";
import { lastReply, toReplyMessage, unansweredToolCalls, withStatus } from "./uiMessages";

/**
 * Starts a run: requests, and while tools with `execute` answer every call of a reply, the next request, up to
 * `maxSteps`. Resolves when the run ends and its final snapshot is published; `ended` hears how it ended first.
 */
export function startRun(ctx: ChatContext, ended: (reason: FinishReasonKind) => void): Promise<void> {
  return new Promise<void>((settle) => {
    const r: Run = {
      controller: new AbortController(),
      reply: placeholder(ctx),
      inserted: false,
      draft: createReplyDraft,
      shown: undefined,
      dirty: false,
      steps: 0,
      settle,
      ended,
    };
    ctx.run = r;
    loop(ctx, r).catch((error: unknown) => {
      // A bug or a throwing option getter must not leave the chat stuck in "streaming".
      if (ctx.run === r) finish(ctx, r, { reason: "error", error: asError(error) });
    });
  });
}

/** Ends the run (or abandons awaited tool calls) as `stopped`, publishing at once; leaves the queue alone. */
export function halt(ctx: ChatContext): void {
  const r = ctx.run;
  if (!r) {
    const reply = ctx.state.pendingToolCalls.length > 0 ? lastReply(ctx.state.messages) : undefined;
    if (reply) ctx.setMessage(withStatus(reply, "stopped"), "now");
    return;
  }
  ctx.run = undefined;
  r.controller.abort();
  // The reply as far as it came, though the throttle has not shown the last of it yet.
  const draft = r.draft();
  r.reply =
    r.inserted && draft !== r.shown
      ? toReplyMessage(r.reply.id, draft, "stopped")
      : withStatus(r.reply, "stopped");
  if (r.inserted) ctx.setMessage(r.reply, "none");
  ctx.update({ status: "ready", error: undefined }, "now");
  const info = { reason: "stopped" as const, messages: ctx.state.messages };
  const { onFinish } = ctx.options;
  if (onFinish) guard(() => onFinish(r.reply, info));
  r.settle();
}

function placeholder(ctx: ChatContext): AssistantUIMessage {
  return { id: ctx.nextId(), role: "assistant", content: [], status: "streaming" };
}

async function loop(ctx: ChatContext, r: Run): Promise<void> {
  for (;;) {
    r.steps++;
    if (r.steps > 1) {
      r.reply = placeholder(ctx);
      r.inserted = false;
    }
    const outcome = await replyStep(ctx, r);
    if (ctx.run !== r) return;
    if (outcome.reason !== "complete") return finish(ctx, r, outcome);

    const tools = ctx.options.tools ?? {};
    const calls = unansweredToolCalls(ctx.state.messages).filter(
      (call) => typeof tools[call.function.name]?.execute === "function",
    );
    if (calls.length === 0) return finish(ctx, r, outcome);
    ctx.update({}, "apart"); // show the finished tool calls while they run
    const results = await Promise.all(calls.map((call) => runTool(ctx, r, call)));
    if (ctx.run !== r) return;
    // No publish of its own: the next status change (submitted, or ready) shows the results with it.
    appendToolResults(
      ctx,
      calls.map((call, i) => [call.id, results[i] as ToolContent]),
      "none",
    );
    if (unansweredToolCalls(ctx.state.messages).length > 0 || r.steps >= (ctx.options.maxSteps ?? 5)) {
      return finish(ctx, r, outcome);
    }
  }
}

function finish(ctx: ChatContext, r: Run, outcome: Outcome): void {
  ctx.run = undefined;
  ctx.update({ status: outcome.error ? "error" : "ready", error: outcome.error }, "apart");
  const info = {
    reason: outcome.reason,
    messages: ctx.state.messages,
    ...(outcome.error && { error: outcome.error }),
  };
  ctx.afterPublish(() => {
    const { onFinish } = ctx.options;
    if (onFinish) guard(() => onFinish(r.reply, info));
    r.settle();
  });
  r.ended(outcome.reason);
}
