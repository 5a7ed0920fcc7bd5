import type { ChatResponse } from "@parley/core";
import { check } from "../suite/check";
import type { CheckResult, Mode } from "../suite/types";
import { valueDiffs } from "../suite/valueDiffs";
import type { SdkClient, SdkView } from "./sdkClient";

/**
 * Whether an SDK works for its users on one answer. Where the suite read a valid reply from the provider's bytes
 * (`suite.reply`), the SDK must show that reply: its text, tool calls, usage (citations where it shows them) and
 * the finish reason mapped to a value it documents. Where the answer is broken (`suite.broken`), the SDK is
 * judged on its own: it works if it shows text or tool calls with a documented finish reason. Every failure says
 * what the SDK's users see.
 */
export function judgeSdkView(
  client: SdkClient,
  mode: Mode,
  view: SdkView,
  suite: { reply: ChatResponse } | { broken: string },
): CheckResult {
  const c = check("sdk.reply", "required", mode);
  const how = mode === "stream" ? "the stream" : "the plain call";
  const shows = `${client.name}: ${how} shows ${describeView(view)}`;
  const problems: string[] = [];
  const finish = client.finishReasons.includes(view.finishReason ?? "")
    ? undefined
    : view.finishReason === undefined
      ? "it names no finish reason"
      : `${JSON.stringify(view.finishReason)} is not a finish reason ${client.name} documents (${client.finishReasons.join(", ")})`;
  if (finish) problems.push(`${finish}, so ${client.finishReasonUsers}`);
  if ("reply" in suite) {
    const expected = expectedView(suite.reply, client, mode);
    const received = { ...view };
    if (!client.showsCitations(mode)) delete received.citations;
    const diffs = valueDiffs(expected, received);
    if (
      view.text === "" &&
      view.toolCalls.length === 0 &&
      (expected.text !== "" || expected.toolCalls.length > 0)
    )
      problems.unshift("users see an empty reply and no error");
    if (diffs.length === 0 && problems.length === 0)
      return c.pass(`${client.name}: ${how} shows the reply as sent`);
    return c.fail(
      `${shows}, not the reply the provider sent (${describeView(expected)})${diffs.length ? `: it differs at ${diffs.map((d) => d.path).join(", ")}` : ""}${problems.length ? `; ${problems.join("; ")}` : ""}`,
      diffs.length ? { diffs } : {},
    );
  }
  if (view.text === "" && view.toolCalls.length === 0)
    problems.unshift("users see an empty reply (no text, no tool calls) and no error");
  const why = `the provider's answer is broken (${suite.broken})`;
  return problems.length > 0
    ? c.fail(`${shows}: ${problems.join("; ")}; ${why}`)
    : c.pass(`${shows}: it works for users although ${why}`);
}

/** `text "Good question…", 1 tool call (get_weather), finish reason "stop"`: what users of the SDK see. */
function describeView(view: SdkView): string {
  const text = view.text === "" ? "no text" : `text ${JSON.stringify(clip(view.text))}`;
  const calls = view.toolCalls.length
    ? `, ${view.toolCalls.length} tool call${view.toolCalls.length === 1 ? "" : "s"} (${view.toolCalls.map((t) => t.name).join(", ")})`
    : "";
  const finish =
    view.finishReason === undefined
      ? "no finish reason"
      : `finish reason ${JSON.stringify(view.finishReason)}`;
  return `${text}${calls}, ${finish}`;
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** What the SDK should show for a valid reply. */
function expectedView(reply: ChatResponse, client: SdkClient, mode: Mode): SdkView {
  const message = reply.message ?? { role: "assistant" };
  const parse = (text: string) => {
    try {
      return JSON.parse(text.trim() === "" ? "{}" : text);
    } catch {
      return text;
    }
  };
  const view: SdkView = {
    text: (message.content ?? []).map((part) => (part.type === "text" ? part.text : "")).join(""),
    toolCalls: (message.tool_calls ?? []).map((call) => ({
      name: call.function.name,
      arguments: parse(call.function.arguments ?? ""),
    })),
    finishReason: client.finishReason(reply.finish_reason),
    usage: { input: reply.usage?.tokens?.input_tokens, output: reply.usage?.tokens?.output_tokens },
  };
  if (client.showsCitations(mode)) view.citations = message.citations?.length ?? 0;
  return view;
}
