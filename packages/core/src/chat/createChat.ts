import { createActions } from "./actions";
import { checkChatOptions } from "./checkChatOptions";
import type { ChatContext } from "./context";
import { parseChatMessages } from "./parseChatMessages";
import { createPublisher } from "./publisher";
import { refreshReply } from "./replyStep";
import type { Chat, ChatOptions } from "./types";
import { createIdGenerator, NONE, unansweredToolCalls } from "./uiMessages";

/** One frame of a 60 Hz screen. */
const FRAME_MS = 1000 / 60;
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
  const messages = parseChatMessages(
    initialOptions.messages ?? [],
    () => (initialOptions.generateId ?? defaultId)(),
    "options.messages",
  );
  const ctx: ChatContext = Object.assign(
    createPublisher(
      Object.freeze({
        messages: Object.freeze(messages),
        status: "ready",
        error: undefined,
        pendingToolCalls: unansweredToolCalls(messages),
        queued: NONE,
      }),
      () => ctx.options.throttleMs ?? FRAME_MS,
      () => ctx.run && refreshReply(ctx, ctx.run),
      // A run answers its own tool calls; only an idle chat waits for addToolResult.
      (next) => (ctx.run ? NONE : unansweredToolCalls(next.messages)),
    ),
    {
      options: { ...initialOptions },
      nextId: () => (ctx.options.generateId ?? defaultId)(),
      run: undefined,
      queue: [],
    },
  );
  return {
    id,
    getSnapshot: ctx.getSnapshot,
    subscribe: ctx.subscribe,
    ...createActions(ctx),
  };
}
