import { toolResult } from "../builders";
import { ValidationError } from "../errors";
import { begin, clearQueue, startTurn } from "./busyPolicy";
import { checkChatOptions } from "./checkChatOptions";
import type { ChatContext } from "./context";
import { parseChatMessages } from "./parseChatMessages";
import { halt } from "./run";
import { appendToolResults } from "./toolCalls";
import type { Chat, UIMessage, UserUIMessage } from "./types";
import { checkUserContent, NONE, toUserMessage, unansweredToolCalls } from "./uiMessages";

export type ChatActions = Omit<Chat, "id" | "getSnapshot" | "subscribe">;

/**
 * What an app does to a chat. Each action publishes its own effect at once, so `getSnapshot()` shows it when the
 * action returns; those that start a request resolve when its run ends. Plain functions: they can be passed around
 * without their chat.
 */
export function createActions(ctx: ChatContext): ChatActions {
  function indexOf(messageId: string, role: UIMessage["role"], action: string): number {
    const { messages } = ctx.state;
    const index = messages.findIndex((message) => message.id === messageId);
    if (index < 0) throw new ValidationError(`${action}: messageId`, `no message has id "${messageId}"`);
    const found = messages[index]?.role;
    if (found !== role) {
      throw new ValidationError(
        `${action}: messageId`,
        `message "${messageId}" is a ${found} message, not ${role}`,
      );
    }
    return index;
  }

  function stop(): void {
    halt(ctx);
    clearQueue(ctx, "now");
  }

  return {
    send(input) {
      let message: UserUIMessage;
      try {
        message = toUserMessage(input, ctx.nextId());
      } catch (error) {
        return Promise.reject(error);
      }
      return begin(
        ctx,
        "send()",
        () =>
          ctx.update(
            { messages: [...ctx.state.messages, message], status: "submitted", error: undefined },
            "now",
          ),
        message,
      );
    },

    stop,

    regenerate(messageId) {
      if (messageId !== undefined) {
        try {
          indexOf(messageId, "assistant", "regenerate()");
        } catch (error) {
          return Promise.reject(error);
        }
      } else if (ctx.state.messages.length === 0) {
        return Promise.reject(
          new ValidationError("regenerate()", "there is no message to regenerate a reply for"),
        );
      }
      return begin(ctx, "regenerate()", () => {
        const { messages } = ctx.state;
        let cut = messages.length;
        if (messageId !== undefined) cut = indexOf(messageId, "assistant", "regenerate()");
        else if (messages.at(-1)?.role === "assistant") cut = messages.length - 1;
        ctx.update({ messages: messages.slice(0, cut), status: "submitted", error: undefined }, "now");
      });
    },

    edit(messageId, content) {
      try {
        checkUserContent(content, "edit(): content");
        indexOf(messageId, "user", "edit()");
      } catch (error) {
        return Promise.reject(error);
      }
      return begin(ctx, "edit()", () => {
        const { messages } = ctx.state;
        const index = indexOf(messageId, "user", "edit()");
        const edited = { ...(messages[index] as UserUIMessage), content };
        ctx.update(
          { messages: [...messages.slice(0, index), edited], status: "submitted", error: undefined },
          "now",
        );
      });
    },

    retry() {
      const { status } = ctx.state;
      if (status !== "error") {
        return Promise.reject(
          new ValidationError("retry()", `nothing failed to retry: the status is "${status}", not "error"`),
        );
      }
      return begin(ctx, "retry()", () => {
        const { messages } = ctx.state;
        const last = messages.at(-1);
        const failed =
          last?.role === "assistant" && (last.status === "error" || last.status === "disconnected");
        ctx.update(
          { messages: failed ? messages.slice(0, -1) : messages, status: "submitted", error: undefined },
          "now",
        );
      });
    },

    addToolResult(toolCallId, result) {
      const { messages } = ctx.state;
      if (messages.some((m) => m.role === "tool" && m.tool_call_id === toolCallId)) return;
      if (!unansweredToolCalls(messages).some((call) => call.id === toolCallId)) {
        throw new ValidationError(
          "addToolResult(): toolCallId",
          `no tool call "${toolCallId}" of the last reply waits for a result`,
        );
      }
      appendToolResults(ctx, [[toolCallId, toolResult(toolCallId, result).content]], "none");
      if (!ctx.run && unansweredToolCalls(ctx.state.messages).length === 0) {
        ctx.update({ status: "submitted", error: undefined }, "now");
        void startTurn(ctx);
      } else {
        ctx.update({}, "now");
      }
    },

    setMessages(input) {
      halt(ctx);
      const next = typeof input === "function" ? input(ctx.state.messages) : input;
      if (!Array.isArray(next)) throw new ValidationError("setMessages()", "messages must be an array");
      const messages = parseChatMessages(next, ctx.nextId, "setMessages(): messages");
      ctx.update({ messages }, "now");
    },

    reset() {
      stop();
      ctx.update({ messages: NONE, status: "ready", error: undefined }, "now");
    },

    setOptions(patch) {
      const { id: _id, messages: _messages, ...rest } = patch;
      const next = { ...ctx.options, ...rest };
      checkChatOptions(next);
      ctx.options = next;
    },
  };
}
