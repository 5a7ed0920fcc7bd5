import type { AssistantMessageResponse, ChatResponse, KnownStreamEvent } from "@parley/core";
import type { SimulatedReply } from "./composeReply";

/** The non-streaming body of a reply, shaped and ordered as Cohere sends it (empty fields left out). */
export function replyResponse(reply: SimulatedReply): ChatResponse {
  const message: AssistantMessageResponse = { role: "assistant" };
  const content: NonNullable<AssistantMessageResponse["content"]> = [];
  if (reply.thinking) content.push({ type: "thinking", thinking: reply.thinking.join("") });
  if (reply.text) content.push({ type: "text", text: reply.text.join("") });
  if (content.length > 0) message.content = content;
  if (reply.toolPlan) message.tool_plan = reply.toolPlan.join("");
  if (reply.toolCalls.length > 0) {
    message.tool_calls = reply.toolCalls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: call.argumentChunks.join("") },
    }));
  }
  if (reply.citations.length > 0) message.citations = reply.citations;
  return { id: reply.id, message, finish_reason: reply.finishReason, usage: reply.usage };
}

/**
 * The stream of a reply, token by token, in Cohere's order: thinking, tool plan, tool calls, then the
 * text block with each citation right after the delta that completes the cited span.
 */
export function replyEvents(reply: SimulatedReply): KnownStreamEvent[] {
  const events: KnownStreamEvent[] = [
    {
      id: reply.id,
      type: "message-start",
      delta: { message: { role: "assistant", content: [], tool_plan: "", tool_calls: [], citations: [] } },
    } as KnownStreamEvent,
  ];
  let index = 0;
  if (reply.thinking) {
    events.push({
      type: "content-start",
      index,
      delta: { message: { content: { type: "thinking", thinking: "" } } },
    });
    for (const thinking of reply.thinking) {
      events.push({ type: "content-delta", index, delta: { message: { content: { thinking } } } });
    }
    events.push({ type: "content-end", index });
    index++;
  }
  for (const tool_plan of reply.toolPlan ?? []) {
    events.push({ type: "tool-plan-delta", delta: { message: { tool_plan } } });
  }
  reply.toolCalls.forEach((call, i) => {
    events.push({
      type: "tool-call-start",
      index: i,
      delta: {
        message: {
          tool_calls: { id: call.id, type: "function", function: { name: call.name, arguments: "" } },
        },
      },
    });
    for (const fragment of call.argumentChunks) {
      events.push({
        type: "tool-call-delta",
        index: i,
        delta: { message: { tool_calls: { function: { arguments: fragment } } } },
      });
    }
    events.push({ type: "tool-call-end", index: i });
  });
  if (reply.text) {
    events.push({
      type: "content-start",
      index,
      delta: { message: { content: { type: "text", text: "" } } },
    });
    let length = 0;
    let next = 0;
    const citeUpTo = (end: number) => {
      for (
        let citation = reply.citations[next];
        citation && (citation.end ?? 0) <= end;
        citation = reply.citations[next]
      ) {
        events.push({ type: "citation-start", index: next, delta: { message: { citations: citation } } });
        events.push({ type: "citation-end", index: next });
        next++;
      }
    };
    for (const text of reply.text) {
      events.push({ type: "content-delta", index, delta: { message: { content: { text } } } });
      length += text.length;
      citeUpTo(length);
    }
    citeUpTo(Number.POSITIVE_INFINITY);
    events.push({ type: "content-end", index });
  }
  events.push({ type: "message-end", delta: { finish_reason: reply.finishReason, usage: reply.usage } });
  return events;
}
