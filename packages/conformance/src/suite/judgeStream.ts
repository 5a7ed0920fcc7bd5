import type { StreamEvent } from "@parley/core";
import { checkStreamGrammar } from "@parley/core/protocol";
import { isPlainObject } from "../json/json";
import { check } from "./check";
import type { StreamReading } from "./readStream";
import type { CheckResult } from "./types";

/**
 * Judges the stream as a stream: every event is JSON, the `event:` line names it, lines end with LF or CRLF, the
 * order follows core's stream grammar (the one the client uses), and `data: [DONE]` ends it.
 */
export function judgeStream(reading: StreamReading): { results: CheckResult[]; assemblable: boolean } {
  const results: CheckResult[] = [];
  const json = check("stream.json", "required", "stream");
  results.push(
    reading.invalid
      ? json.fail(reading.invalid.message, { eventIndex: reading.invalid.eventIndex })
      : json.pass(),
  );

  const names = check("stream.event-name", "recommended", "stream");
  const mismatch = reading.nameMismatches[0];
  results.push(
    mismatch
      ? names.fail(
          `event ${mismatch.eventIndex} is sent as ${mismatch.event === undefined ? "a message without an event: line" : `"event: ${mismatch.event}"`} but its type is "${mismatch.type}"${reading.nameMismatches.length > 1 ? ` (and ${reading.nameMismatches.length - 1} more)` : ""}`,
          { eventIndex: mismatch.eventIndex },
        )
      : names.pass(),
  );

  // Required: legal SSE, but Cohere's own SDK (cohere-ai) shows its users nothing, with no error.
  const lines = check("stream.line-endings", "required", "stream");
  results.push(
    reading.bareCr === undefined
      ? lines.pass()
      : lines.fail(
          `a line ends with a bare CR (character ${reading.bareCr}): legal SSE, but cohere-ai 8.1.0's stream then shows nothing; send LF or CRLF`,
        ),
  );

  results.push(judgeContentStart(reading.events));

  const violations = checkStreamGrammar(reading.events, { done: reading.done });
  const order = violations.filter((v) => v.rule !== "done-missing");
  const grammar = check("stream.grammar", "required", "stream");
  const first = order[0];
  const why = reading.eventless ? `; ${reading.eventless}` : "";
  results.push(
    first
      ? grammar.fail(
          `${first.rule}: ${first.message}${why}${order.length > 1 ? ` (and ${order.length - 1} more: ${[...new Set(order.slice(1).map((v) => v.rule))].join(", ")})` : ""}`,
          { eventIndex: first.eventIndex },
        )
      : grammar.pass(),
  );

  const done = check("stream.done", "required", "stream");
  if (!reading.done) {
    results.push(
      done.fail(`the stream ended without data: [DONE]${why}`, { eventIndex: reading.events.length }),
    );
  } else if (reading.afterDone > 0) {
    results.push(
      check("stream.done", "recommended", "stream").fail(`${reading.afterDone} event(s) after data: [DONE]`),
    );
  } else results.push(done.pass());
  // Whether a client can build a reply at all: every event parsed and no fatal grammar violation.
  return { results, assemblable: !reading.invalid && !violations.some((v) => v.fatal) };
}

/**
 * Every `content-start` carries the empty field of its block's type, `text: ""` or `thinking: ""`, as Cohere sends
 * it. The AI SDK's Cohere provider validates each event and fails the whole stream on a `content-start` without
 * it; a non-empty one is text that clients which start a block there (the AI SDK again) silently drop.
 */
export function judgeContentStart(events: readonly StreamEvent[]): CheckResult {
  const c = check("stream.content-start", "required", "stream");
  for (const [eventIndex, event] of events.entries()) {
    if (event.type !== "content-start") continue;
    const content = (event as { delta?: { message?: { content?: unknown } } }).delta?.message?.content;
    const type = isPlainObject(content) ? content.type : undefined;
    const field = type === "thinking" ? "thinking" : "text";
    const value = isPlainObject(content) ? content[field] : undefined;
    if (value === "") continue;
    const block = `content-start of a ${type === "thinking" ? "thinking" : "text"} block`;
    const diffs = [{ path: `$.delta.message.content.${field}`, expected: "", received: value, eventIndex }];
    return value === undefined
      ? c.fail(
          `${block} has no ${field} field; Cohere sends ${field}: "" and the AI SDK's Cohere provider fails the whole stream without it`,
          { eventIndex, diffs },
        )
      : c.fail(
          `${block} carries ${field} ${JSON.stringify(value)}; it must be "" (the text belongs in content-delta, and clients drop what a start carries)`,
          { eventIndex, diffs },
        );
  }
  return c.pass();
}
