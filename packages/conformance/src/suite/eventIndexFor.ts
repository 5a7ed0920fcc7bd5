import type { StreamEvent } from "@parley/core";

/**
 * The stream event a JSON path of an assembled reply came from: `$.finish_reason` and `$.usage…` from
 * `message-end`, `$.id` from `message-start`, a content part, tool call or citation from its start event; for a
 * text that differs from `expected` at some character, the delta that brought that character.
 */
export function eventIndexFor(
  events: readonly StreamEvent[],
  path: string,
  expected?: unknown,
): number | undefined {
  const find = (predicate: (event: StreamEvent & { index?: unknown }) => boolean) => {
    const at = events.findIndex(predicate as (event: StreamEvent) => boolean);
    return at >= 0 ? at : undefined;
  };
  if (path === "$.id") return find((e) => e.type === "message-start");
  if (/^\$\.(finish_reason|usage|error)\b/.test(path)) return find((e) => e.type === "message-end");
  const part = /^\$\.message\.(content|tool_calls|citations)\[(\d+)\](.*)$/.exec(path);
  if (part) {
    const [, field, indexText, rest] = part;
    const index = Number(indexText);
    const start = { content: "content-start", tool_calls: "tool-call-start", citations: "citation-start" }[
      field as "content" | "tool_calls" | "citations"
    ];
    if (field === "content" && (rest === ".text" || rest === ".thinking") && typeof expected === "string") {
      return divergingDelta(events, index, expected) ?? find((e) => e.type === start && e.index === index);
    }
    return find((e) => e.type === start && e.index === index);
  }
  if (path.startsWith("$.message.tool_plan")) return find((e) => e.type === "tool-plan-delta");
  return undefined;
}

/** The first delta of block `index` after which the streamed text stops being a prefix of `expected`. */
function divergingDelta(events: readonly StreamEvent[], index: number, expected: string): number | undefined {
  let text = "";
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event?.type !== "content-delta" || event.index !== index) continue;
    const content = event.delta?.message?.content;
    text += content?.text ?? content?.thinking ?? "";
    if (!expected.startsWith(text)) return i;
  }
  return undefined;
}
