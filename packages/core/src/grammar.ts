import type { StreamEvent } from "./types";

/**
 * A place where a stream breaks the Chat API v2 stream grammar.
 * `fatal` means a client cannot assemble the reply from it; other violations are protocol deviations that
 * clients tolerate and a conformance suite reports.
 */
export interface GrammarViolation {
  /** Index of the offending event in the stream (the count of events when the violation is at the end). */
  eventIndex: number;
  /** A stable rule id, listed in {@link GrammarRule}. */
  rule: GrammarRule;
  message: string;
  fatal: boolean;
}

/**
 * The rules, in the order a stream meets them:
 * - `message-start-first`: the first event is `message-start`, and there is only one.
 * - `event-shape`: an event lacks a field the grammar needs (an integer `index`, a block type, a call name).
 * - `content-order`: content blocks start at 0, go up by one, and never interleave with each other or with tool calls.
 * - `content-open`: a content delta or end refers to the block that is open.
 * - `tool-plan-order`: `tool-plan-delta` comes before any tool call.
 * - `tool-call-order`: tool calls start at 0, go up by one, and never interleave.
 * - `tool-call-open`: a tool-call delta or end refers to the call that is open.
 * - `citation-order`: citations start at 0, go up by one; each `citation-end` closes the open `citation-start`.
 * - `blocks-closed`: every block, call and citation is closed before `message-end`.
 * - `finish-reason`: `message-end` carries a `finish_reason` in upper case (`COMPLETE`, …; unknown ones are allowed).
 * - `usage`: `message-end` carries `usage`.
 * - `after-message-end`: nothing but `[DONE]` follows `message-end`.
 * - `message-end-missing`: the stream ended without `message-end`.
 * - `done-missing`: the stream ended without the `[DONE]` terminator.
 */
export type GrammarRule =
  | "message-start-first"
  | "event-shape"
  | "content-order"
  | "content-open"
  | "tool-plan-order"
  | "tool-call-order"
  | "tool-call-open"
  | "citation-order"
  | "blocks-closed"
  | "finish-reason"
  | "usage"
  | "after-message-end"
  | "message-end-missing"
  | "done-missing";

export interface StreamGrammar {
  /** Judges the next event; returns the first rule it breaks, if any. */
  feed(event: StreamEvent): GrammarViolation | undefined;
  /** The stream ended (`done`: whether `[DONE]` came); returns what its end breaks, if anything. */
  end(options?: { done?: boolean }): GrammarViolation | undefined;
}

const NONE = -1;

/** A fresh judge for one stream. Cheap: a few integers of state and no allocation per valid event. */
export function createStreamGrammar(): StreamGrammar {
  let index = -1;
  let started = false;
  let ended = false;
  let openContent = NONE;
  let nextContent = 0;
  let openCall = NONE;
  let nextCall = 0;
  let openCitation = NONE;
  let nextCitation = 0;

  const violation = (rule: GrammarRule, message: string, fatal = false): GrammarViolation => ({
    eventIndex: index,
    rule,
    message,
    fatal,
  });

  function judge(event: StreamEvent): GrammarViolation | undefined {
    if (ended) return violation("after-message-end", `"${event.type}" after message-end`);
    if (!started && event.type !== "message-start") {
      if (isKnown(event.type))
        return violation("message-start-first", `"${event.type}" before message-start`);
      return undefined;
    }
    switch (event.type) {
      case "message-start":
        if (started) return violation("message-start-first", "a second message-start");
        started = true;
        return undefined;

      case "content-start": {
        if (!isIndex(event.index))
          return violation("event-shape", "content-start without an integer index", true);
        const type = event.delta?.message?.content?.type;
        if (type !== "text" && type !== "thinking") {
          return violation(
            "event-shape",
            `content-start ${event.index} with block type ${JSON.stringify(type)}`,
            true,
          );
        }
        if (event.index !== nextContent) {
          return violation(
            "content-order",
            `content-start ${event.index}, expected ${nextContent}`,
            event.index > nextContent || event.index < 0,
          );
        }
        if (openContent !== NONE)
          return violation(
            "content-order",
            `content-start ${event.index} while block ${openContent} is open`,
          );
        if (openCall !== NONE)
          return violation(
            "content-order",
            `content-start ${event.index} while tool call ${openCall} is open`,
          );
        openContent = event.index;
        nextContent++;
        return undefined;
      }

      case "content-delta":
      case "content-end":
        if (!isIndex(event.index))
          return violation("event-shape", `${event.type} without an integer index`, true);
        if (event.index !== openContent) {
          const neverStarted = event.index >= nextContent;
          const where = neverStarted ? "never started" : "is not open";
          return violation(
            "content-open",
            `${event.type} for block ${event.index}, which ${where}`,
            neverStarted && event.type === "content-delta",
          );
        }
        if (event.type === "content-end") openContent = NONE;
        return undefined;

      case "tool-plan-delta":
        if (nextCall > 0) return violation("tool-plan-order", "tool-plan-delta after a tool call started");
        return undefined;

      case "tool-call-start": {
        if (!isIndex(event.index))
          return violation("event-shape", "tool-call-start without an integer index", true);
        if (typeof event.delta?.message?.tool_calls?.function?.name !== "string") {
          return violation("event-shape", `tool-call-start ${event.index} without a function name`, true);
        }
        if (event.index !== nextCall) {
          return violation(
            "tool-call-order",
            `tool-call-start ${event.index}, expected ${nextCall}`,
            event.index > nextCall || event.index < 0,
          );
        }
        if (openCall !== NONE)
          return violation(
            "tool-call-order",
            `tool-call-start ${event.index} while call ${openCall} is open`,
          );
        if (openContent !== NONE)
          return violation(
            "tool-call-order",
            `tool-call-start ${event.index} while block ${openContent} is open`,
          );
        openCall = event.index;
        nextCall++;
        return undefined;
      }

      case "tool-call-delta":
      case "tool-call-end":
        if (!isIndex(event.index))
          return violation("event-shape", `${event.type} without an integer index`, true);
        if (event.index !== openCall) {
          const neverStarted = event.index >= nextCall;
          const where = neverStarted ? "never started" : "is not open";
          return violation(
            "tool-call-open",
            `${event.type} for call ${event.index}, which ${where}`,
            neverStarted && event.type === "tool-call-delta",
          );
        }
        if (event.type === "tool-call-end") openCall = NONE;
        return undefined;

      case "citation-start":
        if (!isIndex(event.index)) return violation("event-shape", "citation-start without an integer index");
        if (openCitation !== NONE)
          return violation(
            "citation-order",
            `citation-start ${event.index} while citation ${openCitation} is open`,
          );
        if (event.index !== nextCitation)
          return violation("citation-order", `citation-start ${event.index}, expected ${nextCitation}`);
        openCitation = event.index;
        nextCitation++;
        return undefined;

      case "citation-end":
        if (event.index !== openCitation)
          return violation("citation-order", `citation-end ${event.index} without its citation-start`);
        openCitation = NONE;
        return undefined;

      case "message-end": {
        ended = true;
        const reason = event.delta?.finish_reason;
        if (typeof reason !== "string")
          return violation("finish-reason", "message-end without a finish_reason");
        if (!/^[A-Z][A-Z_]*$/.test(reason))
          return violation("finish-reason", `finish_reason ${JSON.stringify(reason)} is not upper case`);
        if (openContent !== NONE)
          return violation("blocks-closed", `message-end while block ${openContent} is open`);
        if (openCall !== NONE)
          return violation("blocks-closed", `message-end while tool call ${openCall} is open`);
        if (openCitation !== NONE)
          return violation("blocks-closed", `message-end while citation ${openCitation} is open`);
        if (event.delta.usage === undefined) return violation("usage", "message-end without usage");
        return undefined;
      }

      default:
        // `debug` and event types added later are allowed anywhere inside the message.
        return undefined;
    }
  }

  return {
    feed(event) {
      index++;
      return judge(event);
    },
    end(options) {
      index++;
      if (!ended) return violation("message-end-missing", "the stream ended without message-end", true);
      if (options?.done === false) return violation("done-missing", "the stream ended without data: [DONE]");
      return undefined;
    },
  };
}

/** Judges a whole recorded stream. `done` says whether `[DONE]` ended it; leave it out to skip that rule. */
export function checkStreamGrammar(
  events: Iterable<StreamEvent>,
  options?: { done?: boolean },
): GrammarViolation[] {
  const grammar = createStreamGrammar();
  const violations: GrammarViolation[] = [];
  for (const event of events) {
    const found = grammar.feed(event);
    if (found) violations.push(found);
  }
  const atEnd = grammar.end(options);
  if (atEnd) violations.push(atEnd);
  return violations;
}

const KNOWN = new Set([
  "message-start",
  "content-start",
  "content-delta",
  "content-end",
  "tool-plan-delta",
  "tool-call-start",
  "tool-call-delta",
  "tool-call-end",
  "citation-start",
  "citation-end",
  "message-end",
]);

function isKnown(type: string): boolean {
  return KNOWN.has(type);
}

function isIndex(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}
