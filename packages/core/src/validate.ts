import { ValidationError } from "./errors";
import type { ChatRequest } from "./types";

type Loose = Record<string, unknown>;

/** Tool names may use letters, digits and `_`, and may not begin with a digit (Cohere's errors page). */
const TOOL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Refuses, before anything is sent, a request the API would refuse: an unknown role, missing or empty
 * content, a `tool` message whose `tool_call_id` is missing or names no earlier tool call, a `system` message
 * after other turns, sampling parameters out of range, more than 5 `stop_sequences`, bad tool names.
 * What real servers accept passes: an assistant turn with only `tool_calls`, a single content part given as an
 * object, a tool `document.data` given as a string, any JSON inside a tool's `parameters`.
 * One pass over the messages; throws `ValidationError` naming the field path and the rule.
 */
export function validateRequest(request: ChatRequest): void {
  const body = request as unknown as Loose;
  if (!isObject(body)) fail("request", "must be an object");
  if (typeof body.model !== "string" || body.model === "") fail("model", "must be a non-empty string");
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) fail("messages", "must be a non-empty array");

  const callIds = new Set<unknown>();
  let turnsStarted = false;
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    const at = `messages[${i}]`;
    if (!isObject(message)) fail(at, "must be an object");
    const role = message.role;
    if (role === "system") {
      if (turnsStarted) fail(`${at}.role`, "a system message must come first");
    } else {
      turnsStarted = true;
    }
    if (role === "assistant") {
      const calls = message.tool_calls;
      if (calls !== undefined && !Array.isArray(calls)) fail(`${at}.tool_calls`, "must be an array");
      if (calls?.length) {
        for (let j = 0; j < calls.length; j++) {
          const call: unknown = calls[j];
          const id = isObject(call) ? call.id : undefined;
          if (typeof id !== "string" || id === "")
            fail(`${at}.tool_calls[${j}].id`, "must be a non-empty string");
          if (callIds.has(id)) fail(`${at}.tool_calls[${j}].id`, `duplicate id "${id}"`);
          callIds.add(id);
          if ((call as Loose).type !== undefined && (call as Loose).type !== "function") {
            fail(`${at}.tool_calls[${j}].type`, 'must be "function"');
          }
        }
        continue; // a turn that only calls tools needs no content
      }
      if (message.content === undefined) fail(`${at}.content`, "is required without tool_calls");
    } else if (role === "tool") {
      const id = message.tool_call_id;
      if (typeof id !== "string" || id === "") fail(`${at}.tool_call_id`, "is required");
      if (!callIds.has(id)) fail(`${at}.tool_call_id`, `"${id}" matches no earlier tool call`);
    } else if (role !== "system" && role !== "user") {
      fail(`${at}.role`, `must be system, user, assistant or tool, not ${JSON.stringify(role)}`);
    }
    checkContent(message.content, `${at}.content`);
  }

  checkRange(body, "temperature", 0, 1);
  checkRange(body, "p", 0.01, 0.99);
  checkRange(body, "k", 0, 500, true);
  checkRange(body, "frequency_penalty", 0, 1);
  checkRange(body, "presence_penalty", 0, 1);

  const stops = body.stop_sequences;
  if (stops !== undefined) {
    if (!Array.isArray(stops) || stops.some((stop) => typeof stop !== "string")) {
      fail("stop_sequences", "must be an array of strings");
    }
    if (stops.length > 5) fail("stop_sequences", `may hold at most 5, not ${stops.length}`);
  }

  const tools = body.tools;
  if (tools !== undefined) {
    if (!Array.isArray(tools)) fail("tools", "must be an array");
    for (let i = 0; i < tools.length; i++) {
      const fn: unknown = (tools[i] as Loose | undefined)?.function;
      if (!isObject(fn)) fail(`tools[${i}].function`, "must be an object");
      if (typeof fn.name !== "string" || !TOOL_NAME.test(fn.name)) {
        fail(`tools[${i}].function.name`, `must match ${TOOL_NAME}, not ${JSON.stringify(fn.name)}`);
      }
    }
  }
}

function checkContent(content: unknown, at: string): void {
  if (content === undefined || content === null) fail(at, "is required");
  if (content === "" || (Array.isArray(content) && content.length === 0)) fail(at, "must not be empty");
  if (Array.isArray(content)) {
    for (let j = 0; j < content.length; j++) {
      const part: unknown = content[j];
      if (!isObject(part) || typeof part.type !== "string") fail(`${at}[${j}].type`, "must be a string");
    }
  } else if (typeof content !== "string" && !isObject(content)) {
    fail(at, "must be a string or content parts");
  }
}

function checkRange(body: Loose, key: string, min: number, max: number, integer = false): void {
  const value = body[key];
  if (value === undefined) return;
  const ok =
    typeof value === "number" && value >= min && value <= max && (!integer || Number.isInteger(value));
  if (!ok)
    fail(
      key,
      `must be ${integer ? "an integer" : "a number"} from ${min} to ${max}, not ${JSON.stringify(value)}`,
    );
}

function isObject(value: unknown): value is Loose {
  return typeof value === "object" && value !== null;
}

/** Throws the `ValidationError` for `path` and `rule`. */
export function fail(path: string, rule: string): never {
  throw new ValidationError(path, rule);
}
