import { createActions } from "./actions";
import { checkChatOptions } from "./checkChatOptions";
import type { ChatContext } from "./context";
import { createPublisher } from "./publisher";
import { refreshReply } from "./replyStep";
import type { Chat, ChatOptions } from "./types";
import { createIdGenerator, toUIMessage, unansweredToolCalls } from "./uiMessages";

/** One frame of a 60 Hz screen. */
const FRAME_MS = 1000 / 60;
const NONE: readonly never[] = /* @__PURE__ */ Object.freeze([]);

/**
 * A framework-agnostic store for one conversation. Snapshots are immutable and published at most once per
 * `throttleMs` while streaming, at once for the first token and for the app's own calls, and for a status change
 * the run makes, at once unless that would share a frame with a throttled snapshot; bind it with `subscribe` and
 * `getSnapshot`.
 */
export function createChat(initialOptions: ChatOptions): Chat {
  checkChatOptions(initialOptions);
  const defaultId = createIdGenerator();
  const id = initialOptions.id ?? defaultId();
  const messages = (initialOptions.messages ?? []).map((m, i) =>
    toUIMessage(m, () => (initialOptions.generateId ?? defaultId)(), `options.messages[${i}]`),
  );
  const publisher = createPublisher(
    Object.freeze({
      messages: Object.freeze(messages),
      status: "ready",
      error: undefined,
      pendingToolCalls: unansweredToolCalls(messages),
      queued: NONE,
    }),
    {
      intervalMs: () => ctx.options.throttleMs ?? FRAME_MS,
      prepare: () => ctx.run && refreshReply(ctx, ctx.run),
      // A run answers its own tool calls; only an idle chat waits for addToolResult.
      pendingToolCalls: (next) => (ctx.run ? NONE : unansweredToolCalls(next.messages)),
    },
  );
  const ctx: ChatContext = {
    options: { ...initialOptions },
    nextId: () => (ctx.options.generateId ?? defaultId)(),
    publisher,
    run: undefined,
    queue: [],
  };
  return {
    id,
    getSnapshot: publisher.getSnapshot,
    subscribe: publisher.subscribe,
    ...createActions(ctx),
  };
}
