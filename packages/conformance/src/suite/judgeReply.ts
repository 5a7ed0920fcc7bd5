import type { ChatResponse, StreamEvent } from "@parley/core";
import { isPlainObject } from "../json/json";
import { check } from "./check";
import { eventIndexFor } from "./eventIndexFor";
import { replySchemaProblems } from "./replySchema";
import type { CheckResult, Expectations, Mode } from "./types";

/** What the reply is judged against: the request it answers and the case's expectations. */
export interface ReplyContext {
  request: Record<string, unknown>;
  expect?: Expectations;
  mode: Mode;
  /** The events a streamed reply was assembled from, to point failures at an event. */
  events?: readonly StreamEvent[];
}

/**
 * Judges one reply: the schema strictly, then whether the finish reason does what it says, tool arguments,
 * citation offsets and Unicode; then the case's expectations about the model, leniently.
 */
/**
 * UTF-8 read as Latin-1 or Windows-1252: a lead byte (Â to ô) followed by what was a continuation byte (U+0080 to
 * U+00BF, or the Windows-1252 characters those bytes became). "é" turns into "Ã©", "’" into "â€™".
 */
const MOJIBAKE =
  /[\u00C2-\u00F4][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/;

export function judgeReply(reply: unknown, context: ReplyContext): CheckResult[] {
  const { mode, request, events } = context;
  const at = (path: string) => (events ? eventIndexFor(events, path) : undefined);
  const located = (path: string) => {
    const eventIndex = at(path);
    return eventIndex === undefined ? {} : { eventIndex };
  };

  const problems = replySchemaProblems(reply);
  const schema = check("reply.schema", "required", mode);
  const results: CheckResult[] = [
    problems.length === 0
      ? schema.pass()
      : schema.fail(
          problems.map((p) => `${p.path} ${p.message}`).join("; "),
          located(problems[0]?.path ?? "$"),
        ),
  ];
  if (!isPlainObject(reply) || !isPlainObject(reply.message)) return results;
  const id = check("reply.id", "recommended", mode);
  results.push(
    typeof reply.id === "string" && reply.id !== ""
      ? id.pass()
      : id.fail(
          `${events ? "message-start" : "the reply"} has no id: no tested client breaks without it, but Cohere always sends one`,
          located("$.id"),
        ),
  );
  const response = reply as unknown as ChatResponse;
  const message = response.message;
  const parts = Array.isArray(message.content) ? message.content : [];
  const text = parts.map((p) => (p?.type === "text" && typeof p.text === "string" ? p.text : "")).join("");
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  const reason = response.finish_reason;

  const thinking = parts.some((p) => p?.type === "thinking" && typeof p.thinking === "string" && p.thinking);
  const generated = text !== "" || thinking || Boolean(message.tool_plan) || calls.length > 0;
  const usage = judgeUsage(response.usage, generated, mode, located);
  results.push(usage);

  // finish reasons do what they say
  if (typeof request.max_tokens === "number") {
    const limit = request.max_tokens;
    const counts = response.usage;
    const used = counts?.billed_units?.output_tokens ?? counts?.tokens?.output_tokens;
    const c = check("finish.max-tokens", "required", mode);
    if (used === undefined) results.push(c.skip("the reply reports no output token count"));
    else if (usage.status === "fail") {
      // Zero tokens would pass any limit: a count that cannot be believed judges nothing.
      results.push(
        c.skip("the reply's usage is not plausible (see reply.usage), so the limit cannot be judged"),
      );
    } else if (used > limit) {
      results.push(
        c.fail(`the reply used ${used} output tokens with max_tokens ${limit} (finish_reason ${reason})`, {
          diffs: [{ path: "$.usage.billed_units.output_tokens", expected: `<= ${limit}`, received: used }],
          ...located("$.usage"),
        }),
      );
    } else results.push(c.pass());
    const words = text.split(/\s+/u).filter(Boolean).length;
    const w = check("finish.max-tokens-text", "recommended", mode);
    // A token is at most about a word, so many more words than tokens means the limit was not applied.
    results.push(words > limit + 1 ? w.fail(`${words} words of text with max_tokens ${limit}`) : w.pass());
  }

  const stops = Array.isArray(request.stop_sequences) ? (request.stop_sequences as unknown[]) : [];
  if (stops.length > 0 || reason === "STOP_SEQUENCE") {
    const c = check("finish.stop-sequence", "required", mode);
    const found = stops.find((s): s is string => typeof s === "string" && s !== "" && text.includes(s));
    if (found !== undefined) {
      results.push(
        c.fail(`the text contains the stop sequence ${JSON.stringify(found)} (finish_reason ${reason})`),
      );
    } else if (reason === "STOP_SEQUENCE" && stops.length === 0) {
      results.push(
        check("finish.stop-sequence", "recommended", mode).fail("STOP_SEQUENCE without stop_sequences"),
      );
    } else results.push(c.pass());
  }

  if (reason === "TOOL_CALL" || calls.length > 0) {
    const c = check("finish.tool-call", reason === "TOOL_CALL" ? "required" : "recommended", mode);
    if (reason === "TOOL_CALL" && calls.length === 0) {
      results.push(c.fail("finish_reason TOOL_CALL without tool_calls", located("$.finish_reason")));
    } else if (reason !== "TOOL_CALL" && reason !== "MAX_TOKENS") {
      results.push(
        c.fail(`tool_calls with finish_reason ${reason}, expected TOOL_CALL`, located("$.finish_reason")),
      );
    } else results.push(c.pass());
    results.push(judgeToolArguments(calls, request, mode, located));
  }

  if (Array.isArray(message.citations) && message.citations.length > 0) {
    results.push(judgeCitations(response, mode, located));
  }

  const c = check("reply.unicode", "required", mode);
  const everything = JSON.stringify([parts, message.tool_plan ?? "", calls]);
  const sent = JSON.stringify(request);
  const mojibake = MOJIBAKE.exec(everything);
  results.push(
    everything.includes("\uFFFD") && !sent.includes("\uFFFD")
      ? c.fail("the reply holds U+FFFD: a multi-byte character was broken in transit")
      : mojibake && !MOJIBAKE.test(sent)
        ? c.fail(
            `the reply holds ${JSON.stringify(mojibake[0])}: UTF-8 was decoded as Latin-1 or Windows-1252 in transit`,
          )
        : c.pass(),
  );

  const format = request.response_format;
  if (isPlainObject(format) && format.type === "json_object" && calls.length === 0) {
    results.push(...judgeJson(text, format.json_schema, reason, mode));
  }

  if (parts.some((p) => p?.type === "thinking")) {
    const order = check("reply.thinking-first", "required", mode);
    const firstText = parts.findIndex((p) => p?.type === "text");
    const lastThinking = parts.map((p) => p?.type).lastIndexOf("thinking");
    results.push(
      firstText >= 0 && firstText < lastThinking
        ? order.fail(
            "a thinking block comes after a text block",
            located(`$.message.content[${lastThinking}]`),
          )
        : order.pass(),
    );
  }

  results.push(...judgeExpectations(response, text, calls, context));
  return results;
}

/**
 * Usage is plausible: `usage.tokens` is there (the AI SDK's Cohere provider refuses a reply without it), the model
 * read at least one input token, and a reply with any generated text, thinking, plan or call reports output tokens.
 * All-zero counts would make `finish.max-tokens` pass whatever the reply did, and break every token budget.
 */
function judgeUsage(
  usage: unknown,
  generated: boolean,
  mode: Mode,
  located: (path: string) => { eventIndex?: number },
): CheckResult {
  const c = check("reply.usage", "required", mode);
  if (!isPlainObject(usage)) return c.skip("the reply has no usage (reply.schema says so)");
  const tokens = usage.tokens;
  if (!isPlainObject(tokens)) {
    return c.fail(
      "usage has no tokens {input_tokens, output_tokens}; the AI SDK's Cohere provider refuses such a reply",
      { diffs: [{ path: "$.usage.tokens", expected: "an object", received: tokens }], ...located("$.usage") },
    );
  }
  const input = tokens.input_tokens;
  const output = tokens.output_tokens;
  // "7" would read as a number that is not > 0.
  const show = (v: unknown) =>
    typeof v === "string" ? `the string ${JSON.stringify(v)}, not a number` : JSON.stringify(v);
  if (!(typeof input === "number" && input > 0)) {
    return c.fail(`usage.tokens.input_tokens is ${show(input)}; a model reads at least one token`, {
      diffs: [{ path: "$.usage.tokens.input_tokens", expected: "a number > 0", received: input }],
      ...located("$.usage"),
    });
  }
  if (generated && !(typeof output === "number" && output > 0)) {
    return c.fail(`usage.tokens.output_tokens is ${show(output)}; the reply generated content`, {
      diffs: [{ path: "$.usage.tokens.output_tokens", expected: "a number > 0", received: output }],
      ...located("$.usage"),
    });
  }
  return c.pass();
}

function judgeToolArguments(
  calls: ChatResponse["message"]["tool_calls"] & object,
  request: Record<string, unknown>,
  mode: Mode,
  located: (path: string) => { eventIndex?: number },
): CheckResult {
  const c = check("reply.tool-arguments", "required", mode);
  const tools = Array.isArray(request.tools)
    ? (request.tools as Array<{ function?: { name?: string } }>)
    : [];
  const names = new Set(tools.map((t) => t.function?.name));
  for (let j = 0; j < calls.length; j++) {
    const call = calls[j];
    const path = `$.message.tool_calls[${j}]`;
    const name = call?.function?.name;
    if (!names.has(name))
      return c.fail(`${path} calls ${JSON.stringify(name)}, which the request did not offer`, located(path));
    const args = call?.function?.arguments ?? "";
    if (args === "") continue; // no arguments, as Cohere streams a call without parameters
    if (typeof args !== "string") {
      return c.fail(
        `${path}.function.arguments is ${Array.isArray(args) ? "an array" : `a${typeof args === "object" ? "n" : ""} ${typeof args}`}, not a string of JSON: ${JSON.stringify(args).slice(0, 80)}`,
        located(path),
      );
    }
    try {
      if (!isPlainObject(JSON.parse(args)))
        return c.fail(`${path}.function.arguments is not a JSON object`, located(path));
    } catch {
      return c.fail(`${path}.function.arguments is not valid JSON: ${clip(args)}`, located(path));
    }
  }
  return c.pass();
}

/** Offsets count characters of the cited content block; UTF-16 units and code points are both accepted. */
function judgeCitations(
  response: ChatResponse,
  mode: Mode,
  located: (path: string) => { eventIndex?: number },
): CheckResult {
  const c = check("reply.citations", "required", mode);
  const parts = response.message.content ?? [];
  const firstText = parts.findIndex((p) => p.type === "text");
  const citations = response.message.citations ?? [];
  for (let k = 0; k < citations.length; k++) {
    const citation = citations[k];
    const path = `$.message.citations[${k}]`;
    if (
      !citation ||
      citation.start === undefined ||
      citation.end === undefined ||
      citation.text === undefined
    )
      continue;
    if (citation.type !== undefined && citation.type !== "TEXT_CONTENT") continue; // plan and thinking citations
    const part = parts[citation.content_index ?? firstText];
    const source = part?.type === "text" ? part.text : part?.type === "thinking" ? part.thinking : undefined;
    if (source === undefined)
      return c.fail(
        `${path} points at content block ${citation.content_index ?? firstText}, which has no text`,
        located(path),
      );
    const units = source.slice(citation.start, citation.end);
    const points = Array.from(source).slice(citation.start, citation.end).join("");
    if (units !== citation.text && points !== citation.text) {
      return c.fail(`${path}: text.slice(${citation.start}, ${citation.end}) is not the cited text`, {
        diffs: [{ path: `${path}.text`, expected: units, received: citation.text }],
        ...located(path),
      });
    }
  }
  return c.pass();
}

function judgeJson(text: string, schema: unknown, reason: string, mode: Mode): CheckResult[] {
  const c = check("reply.json", "required", mode);
  if (reason === "MAX_TOKENS") return [c.skip("the reply was cut off by max_tokens")];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [c.fail(`response_format json_object, but the text is not JSON: ${clip(text)}`)];
  }
  const results = [c.pass()];
  if (isPlainObject(schema) && Array.isArray(schema.required)) {
    const s = check("expect.json-schema", "recommended", mode);
    const missing = schema.required.filter((key) => !isPlainObject(value) || !(String(key) in value));
    results.push(
      missing.length ? s.fail(`the JSON lacks required properties ${missing.join(", ")}`) : s.pass(),
    );
  }
  return results;
}

function judgeExpectations(
  response: ChatResponse,
  text: string,
  calls: NonNullable<ChatResponse["message"]["tool_calls"]>,
  context: ReplyContext,
): CheckResult[] {
  const { expect, mode, request } = context;
  if (!expect) return [];
  const results: CheckResult[] = [];
  const normal = (s: string) => s.normalize("NFC").toLowerCase();
  if (expect.textIncludes) {
    const c = check("expect.text", "recommended", mode);
    const missing = expect.textIncludes.filter((s) => !normal(text).includes(normal(s)));
    results.push(
      missing.length
        ? c.fail(
            `the reply does not mention ${missing.map((s) => JSON.stringify(s)).join(", ")}: ${clip(text)}`,
          )
        : c.pass(),
    );
  }
  if (expect.finishReasons) {
    const c = check("expect.finish-reason", "recommended", mode);
    results.push(
      expect.finishReasons.includes(response.finish_reason)
        ? c.pass()
        : c.fail(`finish_reason ${response.finish_reason}, expected ${expect.finishReasons.join(" or ")}`),
    );
  }
  if (expect.toolCall) {
    const c = check("expect.tool-call", "recommended", mode);
    const call = calls.find((t) => t.function?.name === expect.toolCall);
    const tool = (
      request.tools as Array<{ function: { name: string; parameters?: { required?: string[] } } }>
    ).find((t) => t.function.name === expect.toolCall);
    if (!call) results.push(c.fail(`no call to ${expect.toolCall}`));
    else {
      let args: Record<string, unknown> = {};
      try {
        args = JSON.parse(call.function.arguments || "{}");
      } catch {}
      const missing = (tool?.function.parameters?.required ?? []).filter((key) => !(key in args));
      results.push(
        missing.length ? c.fail(`the call lacks required arguments ${missing.join(", ")}`) : c.pass(),
      );
    }
  }
  if (expect.citations) {
    const c = check("expect.citations", "recommended", mode);
    results.push(response.message.citations?.length ? c.pass() : c.fail("the reply cites nothing"));
  }
  if (expect.thinking) {
    const c = check("expect.thinking", "recommended", mode);
    results.push(
      response.message.content?.[0]?.type === "thinking"
        ? c.pass()
        : c.fail("the reply has no thinking block first"),
    );
  }
  return results;
}

function clip(text: string): string {
  return text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}…` : JSON.stringify(text);
}
