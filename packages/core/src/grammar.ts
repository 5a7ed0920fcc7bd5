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

/** Content blocks and tool calls follow one pattern: start(i) -> delta(i)* -> end(i), i = 0, 1, … in turn. */
interface Track {
  readonly noun: string;
  readonly order: GrammarRule;
  readonly open: GrammarRule;
  current: number;
  next: number;
}

/** A fresh judge for one stream. Cheap: a few integers of state and no allocation per valid event. */
export function createStreamGrammar(): StreamGrammar {
  let index = -1;
  let started = false;
  let ended = false;
  const blocks: Track = {
    noun: "block",
    order: "content-order",
    open: "content-open",
    current: NONE,
    next: 0,
  };
  const calls: Track = {
    noun: "tool call",
    order: "tool-call-order",
    open: "tool-call-open",
    current: NONE,
    next: 0,
  };
  let openCitation = NONE;
  let nextCitation = 0;

  const violation = (rule: GrammarRule, message: string, fatal = false): GrammarViolation => ({
    eventIndex: index,
    rule,
    message,
    fatal,
  });

  // `hasPayload` is false when the start event lacks what the reducer needs (a block type, a call name).
  function start(track: Track, other: Track, type: string, at: unknown, hasPayload: boolean) {
    if (!isIndex(at)) return violation("event-shape", `${type} without an integer index`, true);
    if (!hasPayload) return violation("event-shape", `${type} ${at} without its ${track.noun} payload`, true);
    // The reducer places blocks by index: an index out of turn cannot be assembled.
    if (at !== track.next) return violation(track.order, `${type} ${at}, expected ${track.next}`, true);
    const busy = track.current !== NONE ? track : other.current !== NONE ? other : undefined;
    track.current = at;
    track.next++;
    if (busy) return violation(track.order, `${type} ${at} while ${busy.noun} ${busy.current} is open`);
    return undefined;
  }

  function inside(track: Track, type: string, at: unknown, isEnd: boolean) {
    if (!isIndex(at)) return violation("event-shape", `${type} without an integer index`, true);
    if (at !== track.current) {
      const neverStarted = at >= track.next;
      const where = neverStarted ? "never started" : "is not open";
      return violation(track.open, `${type} for ${track.noun} ${at}, which ${where}`, neverStarted && !isEnd);
    }
    if (isEnd) track.current = NONE;
    return undefined;
  }

  function judge(event: StreamEvent): GrammarViolation | undefined {
    const type = event.type;
    if (ended) return violation("after-message-end", `"${type}" after message-end`);
    if (!started && type !== "message-start") {
      return KNOWN.has(type) ? violation("message-start-first", `"${type}" before message-start`) : undefined;
    }
    switch (event.type) {
      case "message-start":
        if (started) return violation("message-start-first", "a second message-start");
        started = true;
        return undefined;

      case "content-start": {
        const block = event.delta?.message?.content?.type;
        return start(blocks, calls, type, event.index, block === "text" || block === "thinking");
      }
      case "content-delta":
      case "content-end":
        return inside(blocks, type, event.index, type === "content-end");

      case "tool-plan-delta":
        return calls.next > 0
          ? violation("tool-plan-order", "tool-plan-delta after a tool call started")
          : undefined;

      case "tool-call-start":
        return start(
          calls,
          blocks,
          type,
          event.index,
          typeof event.delta?.message?.tool_calls?.function?.name === "string",
        );
      case "tool-call-delta":
      case "tool-call-end":
        return inside(calls, type, event.index, type === "tool-call-end");

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
        for (const track of [blocks, calls]) {
          if (track.current !== NONE)
            return violation("blocks-closed", `message-end while ${track.noun} ${track.current} is open`);
        }
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

function isIndex(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}
