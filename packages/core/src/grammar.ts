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

/**
 * A judge of one event stream, fed event by event (`createStreamGrammar`, or `createAssemblyGrammar` for the fatal
 * rules alone): use one per stream to check a server, a proxy or a recording, as the conformance suite does.
 */
export interface StreamGrammar {
  /** Judges the next event; returns the first rule it breaks, if any. */
  feed(event: StreamEvent): GrammarViolation | undefined;
  /** The stream ended (`done`: whether `[DONE]` came); returns what its end breaks, if anything. */
  end(options?: { done?: boolean }): GrammarViolation | undefined;
}

/**
 * The first layer of the grammar: only the rules whose breach leaves a reply that cannot be assembled (every
 * violation it returns is `fatal`). `ChatStream` judges with this layer alone, which keeps the client small;
 * `createStreamGrammar` puts the protocol rules on top of it, so client and suite share one definition of "fatal".
 * Rules: a content block or tool call starts at the next index with its payload (a block type, a function name);
 * a delta refers to one that started; the stream has a `message-end`.
 */
export function createAssemblyGrammar(): StreamGrammar {
  let index = -1;
  let blocks = 0;
  let calls = 0;
  let ended = false;
  const fatal = (rule: GrammarRule, message: string): GrammarViolation => ({
    eventIndex: index,
    rule,
    message,
    fatal: true,
  });
  const indexed = (event: { type: string; index?: unknown }) =>
    isIndex(event.index) ? undefined : fatal("event-shape", `${event.type} without an integer index`);

  return {
    feed(event) {
      index++;
      switch (event.type) {
        // Deltas first: nearly every event is one, and each case costs a string comparison.
        case "content-delta":
          return event.index < blocks
            ? indexed(event)
            : (indexed(event) ??
                fatal("content-open", `content-delta ${event.index} before its content-start`));
        case "content-start":
          if (!/^(text|thinking)$/.test(event.delta?.message?.content?.type)) {
            return (
              indexed(event) ?? fatal("event-shape", `content-start ${event.index} without a block type`)
            );
          }
          if (event.index !== blocks) {
            return (
              indexed(event) ?? fatal("content-order", `content-start ${event.index}, expected ${blocks}`)
            );
          }
          blocks++;
          return undefined;
        case "tool-call-start":
          if (typeof event.delta?.message?.tool_calls?.function?.name !== "string") {
            return (
              indexed(event) ?? fatal("event-shape", `tool-call-start ${event.index} without a function name`)
            );
          }
          if (event.index !== calls) {
            return (
              indexed(event) ?? fatal("tool-call-order", `tool-call-start ${event.index}, expected ${calls}`)
            );
          }
          calls++;
          return undefined;
        case "tool-call-delta":
          return event.index < calls
            ? indexed(event)
            : (indexed(event) ??
                fatal("tool-call-open", `tool-call-delta ${event.index} before its tool-call-start`));
        case "message-end":
          ended = true;
          return undefined;
        default:
          return undefined;
      }
    },
    end() {
      index++;
      return ended ? undefined : fatal("message-end-missing", "the stream ended without message-end");
    },
  };
}

const NONE = -1;

/**
 * The whole grammar: the assembly rules (fatal: the ones `ChatStream` raises `StreamError` on), then the protocol rules a
 * conforming server keeps and clients tolerate (blocks and calls never interleave and close in turn, the tool plan
 * comes first, citations pair up, `message-end` comes once, last, with an upper-case `finish_reason` and `usage`,
 * and `[DONE]` follows). Cheap: a few integers of state and no allocation per valid event.
 */
export function createStreamGrammar(): StreamGrammar {
  const assembly = createAssemblyGrammar();
  let index = -1;
  let started = false;
  let ended = false;
  let openBlock = NONE;
  let openCall = NONE;
  let callsStarted = false;
  let openCitation = NONE;
  let nextCitation = 0;

  const violation = (rule: GrammarRule, message: string): GrammarViolation => ({
    eventIndex: index,
    rule,
    message,
    fatal: false,
  });

  function judge(event: StreamEvent): GrammarViolation | undefined {
    const type = event.type;
    if (ended) return violation("after-message-end", `"${type}" after message-end`);
    if (!started && type !== "message-start") {
      return (STREAM_EVENT_TYPES as ReadonlySet<string>).has(type)
        ? violation("message-start-first", `"${type}" before message-start`)
        : undefined;
    }
    switch (event.type) {
      case "message-start":
        if (started) return violation("message-start-first", "a second message-start");
        started = true;
        return undefined;

      case "content-start":
      case "tool-call-start": {
        const isCall = type === "tool-call-start";
        const busy =
          openBlock !== NONE ? `block ${openBlock}` : openCall !== NONE ? `tool call ${openCall}` : undefined;
        if (isCall) {
          openCall = event.index;
          callsStarted = true;
        } else {
          openBlock = event.index;
        }
        return busy
          ? violation(
              isCall ? "tool-call-order" : "content-order",
              `${type} ${event.index} while ${busy} is open`,
            )
          : undefined;
      }

      case "content-delta":
      case "content-end":
        if (event.index !== openBlock)
          return violation("content-open", `${type} for block ${event.index}, which is not open`);
        if (type === "content-end") openBlock = NONE;
        return undefined;

      case "tool-call-delta":
      case "tool-call-end":
        if (event.index !== openCall)
          return violation("tool-call-open", `${type} for tool call ${event.index}, which is not open`);
        if (type === "tool-call-end") openCall = NONE;
        return undefined;

      case "tool-plan-delta":
        return callsStarted
          ? violation("tool-plan-order", "tool-plan-delta after a tool call started")
          : undefined;

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
        if (openBlock !== NONE)
          return violation("blocks-closed", `message-end while block ${openBlock} is open`);
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
      // A fatal breach leaves the protocol state untouched: the reply is lost either way.
      return assembly.feed(event) ?? judge(event);
    },
    end(options) {
      index++;
      const fatal = assembly.end();
      if (fatal) return fatal;
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

/** The event types a Chat API v2 stream is made of (`debug`, listed by the spec but never seen, aside). */
export const STREAM_EVENT_TYPES: ReadonlySet<StreamEvent["type"]> = new Set<StreamEvent["type"]>([
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
