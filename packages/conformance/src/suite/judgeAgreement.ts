import type { ChatResponse, StreamEvent } from "@parley/core";
import { check } from "./check";
import { eventIndexFor } from "./eventIndexFor";
import type { CheckResult, CheckResult as Result } from "./types";
import { valueDiffs } from "./valueDiffs";

/**
 * The non-streaming reply and the one assembled from the stream agree. A deterministic target must agree exactly
 * (ids aside, as every request gets its own); a live model may word two answers differently, so only their
 * shape (block types, tool names, finish reason) is held to agree, as a recommendation.
 */
export function judgeAgreement(
  plain: ChatResponse,
  streamed: ChatResponse,
  options: { deterministic: boolean; events?: readonly StreamEvent[]; id?: string; mode?: Result["mode"] },
): CheckResult {
  const id = options.id ?? "stream.agreement";
  if (options.deterministic) {
    const c = check(id, "required", options.mode);
    const diffs = valueDiffs(plain, streamed, { ignore: ["id"] }).map((diff) => {
      const eventIndex = options.events ? eventIndexFor(options.events, diff.path, diff.expected) : undefined;
      return eventIndex === undefined ? diff : { ...diff, eventIndex };
    });
    const first = diffs[0];
    return first
      ? c.fail(
          `the streamed reply differs from the non-streaming one at ${diffs.map((d) => d.path).join(", ")}`,
          first.eventIndex === undefined ? { diffs } : { diffs, eventIndex: first.eventIndex },
        )
      : c.pass();
  }
  const c = check(id, "recommended", options.mode);
  const diffs = valueDiffs(shape(plain), shape(streamed));
  return diffs.length
    ? c.fail(
        `the streamed reply has another shape than the non-streaming one at ${diffs.map((d) => d.path).join(", ")}`,
        {
          diffs,
        },
      )
    : c.pass("same shape (a live model's wording may differ)");
}

function shape(reply: ChatResponse) {
  return {
    finish_reason: reply.finish_reason,
    content: (reply.message?.content ?? []).map((part) => part.type),
    tool_calls: (reply.message?.tool_calls ?? []).map((call) => call.function?.name),
  };
}

/**
 * The two replies agree on their tools: whether there is a `tool_plan`, and which tools are called. A client that
 * streams shows a plan the plain call never returns (or runs other tools), so an app behaves differently by mode.
 * Required when both replies call tools (or the target is deterministic); a live model that calls tools in one
 * mode only is a recommendation.
 */
export function judgeToolAgreement(
  plain: ChatResponse,
  streamed: ChatResponse,
  deterministic: boolean,
): CheckResult {
  const tools = (reply: ChatResponse) => ({
    tool_plan: typeof reply.message?.tool_plan === "string" && reply.message.tool_plan !== "",
    names: [...new Set((reply.message?.tool_calls ?? []).map((call) => call.function?.name))].sort(),
  });
  const a = tools(plain);
  const b = tools(streamed);
  const bothCall = a.names.length > 0 && b.names.length > 0;
  const c = check("stream.tool-agreement", bothCall || deterministic ? "required" : "recommended");
  const where = (has: boolean) => (has ? "has" : "has no");
  if (a.tool_plan !== b.tool_plan) {
    return c.fail(
      `the streamed reply ${where(b.tool_plan)} tool_plan and the non-streaming one ${where(a.tool_plan)} tool_plan`,
      { diffs: [{ path: "$.message.tool_plan", expected: a.tool_plan, received: b.tool_plan }] },
    );
  }
  if (a.names.join() !== b.names.join()) {
    return c.fail(
      `the streamed reply calls ${b.names.join(", ") || "no tool"}, the non-streaming one ${a.names.join(", ") || "no tool"}`,
      { diffs: [{ path: "$.message.tool_calls[*].function.name", expected: a.names, received: b.names }] },
    );
  }
  return c.pass();
}
