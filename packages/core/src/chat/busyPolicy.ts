import { ChatBusyError } from "../errors";
import type { ChatContext } from "./context";
import type { Publish } from "./publisher";
import { halt, startRun } from "./run";
import type { FinishReasonKind, UserUIMessage } from "./types";
import { NONE } from "./uiMessages";

/** A run is going, or tool calls of the last reply wait for `addToolResult`. */
export function isBusy(ctx: ChatContext): boolean {
  return ctx.run !== undefined || ctx.state.pendingToolCalls.length > 0;
}

/**
 * Applies the busy policy (`reject`, `queue` or `interrupt`), then `prepare` (which edits the transcript and must
 * set `submitted`), then runs. Misuse rejects the promise; nothing a request does ever does.
 */
export function begin(
  ctx: ChatContext,
  action: string,
  prepare: () => void,
  queueable?: UserUIMessage,
): Promise<void> {
  try {
    if (isBusy(ctx)) {
      const policy = ctx.options.busy ?? "reject";
      if (policy === "queue" && queueable) {
        return new Promise((settle) => {
          ctx.queue.push({ message: queueable, settle });
          ctx.update({ queued: ctx.queue.map((item) => item.message) }, "now");
        });
      }
      if (policy !== "interrupt") throw busyError(ctx, action);
      halt(ctx);
    }
    prepare();
    return startTurn(ctx);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Starts a run; when it ends, the queue moves on. */
export function startTurn(ctx: ChatContext): Promise<void> {
  return startRun(ctx, (reason) => afterRun(ctx, reason));
}

/** Drops the turns that wait, resolving their promises. */
export function clearQueue(ctx: ChatContext, mode: Publish): void {
  const dropped = ctx.queue;
  if (dropped.length === 0) return;
  ctx.queue = [];
  ctx.update({ queued: NONE }, mode);
  for (const item of dropped) item.settle();
}

// A queued turn followed the one before it; when that one fails, sending it anyway would answer out of turn.
function afterRun(ctx: ChatContext, reason: FinishReasonKind): void {
  if (reason === "complete") drain(ctx);
  else clearQueue(ctx, "apart");
}

function drain(ctx: ChatContext): void {
  const next = ctx.queue[0];
  if (!next || isBusy(ctx)) return;
  ctx.queue = ctx.queue.slice(1);
  ctx.update(
    {
      messages: [...ctx.state.messages, next.message],
      queued: ctx.queue.map((item) => item.message),
      status: "submitted",
      error: undefined,
    },
    "apart",
  );
  startTurn(ctx).then(next.settle);
}

function busyError(ctx: ChatContext, action: string): ChatBusyError {
  const { status, pendingToolCalls } = ctx.state;
  if (ctx.run) {
    return new ChatBusyError(
      `${action} while the chat is ${status}: busy policy "reject" refuses it. ` +
        `Wait for status "ready", call stop(), or create the chat with busy: "queue" or "interrupt".`,
    );
  }
  const ids = pendingToolCalls.map((call) => call.id).join(", ");
  return new ChatBusyError(
    `${action} while the chat waits for tool results (${ids}): answer them with addToolResult(), ` +
      `or call stop() to abandon them.`,
  );
}
