import type { AssistantUIMessage, Chat, Citation } from "@parley/core";
import { memo, useMemo } from "react";
import { citedSources } from "../lib/citedSources";
import { CitedText } from "./CitedText";
import { ReplyMeta } from "./ReplyMeta";
import { SourceList } from "./SourceList";
import { ThinkingBlock } from "./ThinkingBlock";
import { ToolCallCard } from "./ToolCallCard";
import { ToolPlan } from "./ToolPlan";

const NO_CITATIONS: readonly Citation[] = [];

interface AssistantTurnProps {
  /** The store, where each tool call looks up its result. */
  chat: Chat;
  message: AssistantUIMessage;
}

/**
 * One reply, in the order the model produced it: thinking, plan, tool calls, then the answer with its
 * citations. Memoised: the store keeps unchanged messages identical, so only the streaming reply renders.
 */
export const AssistantTurn = memo(function AssistantTurn({ chat, message }: AssistantTurnProps) {
  const streaming = message.status === "streaming";
  const firstText = message.content.findIndex((part) => part.type === "text");
  const citations = message.citations ?? NO_CITATIONS;
  const cited = useMemo(() => citedSources(citations), [citations]);
  const empty = message.content.length === 0 && !message.tool_plan && !message.tool_calls?.length;
  return (
    <article
      className="turn assistant"
      aria-label="Assistant"
      aria-busy={streaming}
      data-status={message.status}
    >
      {/* Decorative: the page's live region says that a reply is on its way. */}
      {empty && streaming && <span className="typing" aria-hidden="true" />}
      {message.content.map((part, index) =>
        part.type === "thinking" ? (
          <ThinkingBlock
            // biome-ignore lint/suspicious/noArrayIndexKey: content blocks are addressed by index on the wire
            key={index}
            text={part.thinking}
            streaming={streaming && index === message.content.length - 1}
          />
        ) : null,
      )}
      {message.tool_plan && <ToolPlan text={message.tool_plan} />}
      {message.tool_calls?.map((call) => (
        <ToolCallCard key={call.id} chat={chat} call={call} replyStatus={message.status} />
      ))}
      {message.content.map((part, index) =>
        part.type === "text" ? (
          <CitedText
            // biome-ignore lint/suspicious/noArrayIndexKey: content blocks are addressed by index on the wire
            key={index}
            messageId={message.id}
            text={part.text}
            citations={citations}
            numbersByCitation={cited.numbersByCitation}
            contentIndex={index}
            firstTextIndex={firstText}
          />
        ) : null,
      )}
      {cited.sources.length > 0 && <SourceList messageId={message.id} sources={cited.sources} />}
      {!streaming && <ReplyMeta message={message} />}
    </article>
  );
});
