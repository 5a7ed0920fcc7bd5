import { isPlainObject } from "../json/json";

/** One way a reply breaks the schema: where, and what is wrong. */
export interface SchemaProblem {
  path: string;
  message: string;
}

const UPPER = /^[A-Z][A-Z_]*$/;

/**
 * Checks a `ChatResponse` (the non-streaming body, or one assembled from a stream) against the wire schema:
 * required fields and their types, upper-case finish reasons, content parts, tool calls, citations and usage.
 * Unknown fields pass, as clients must accept them.
 */
export function replySchemaProblems(reply: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const problem = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  if (!isPlainObject(reply)) {
    problem("$", "the reply is not a JSON object");
    return problems;
  }
  // `id` is judged apart (`reply.id`, recommended): no tested client needs it.
  const reason = reply.finish_reason;
  if (typeof reason !== "string") problem("$.finish_reason", "is missing");
  else if (!UPPER.test(reason))
    problem("$.finish_reason", `${JSON.stringify(reason)} is not upper case (COMPLETE, MAX_TOKENS, …)`);

  const message = reply.message;
  if (!isPlainObject(message)) {
    problem("$.message", "must be an object");
  } else {
    if (message.role !== "assistant") problem("$.message.role", 'must be "assistant"');
    checkArray(message.content, "$.message.content", problem, (part, at) => {
      if (!isPlainObject(part)) return problem(at, "must be an object");
      if (part.type === "text") {
        if (typeof part.text !== "string") problem(`${at}.text`, "must be a string");
      } else if (part.type === "thinking") {
        if (typeof part.thinking !== "string") problem(`${at}.thinking`, "must be a string");
      } else problem(`${at}.type`, `must be "text" or "thinking", not ${JSON.stringify(part.type)}`);
    });
    if (message.tool_plan !== undefined && typeof message.tool_plan !== "string") {
      problem("$.message.tool_plan", "must be a string");
    }
    checkArray(message.tool_calls, "$.message.tool_calls", problem, (call, at) => {
      if (!isPlainObject(call)) return problem(at, "must be an object");
      if (typeof call.id !== "string" || call.id === "") problem(`${at}.id`, "must be a non-empty string");
      if (call.type !== "function") problem(`${at}.type`, 'must be "function"');
      const fn = call.function;
      if (!isPlainObject(fn)) return problem(`${at}.function`, "must be an object");
      if (typeof fn.name !== "string" || fn.name === "")
        problem(`${at}.function.name`, "must be a non-empty string");
      if (typeof fn.arguments !== "string")
        problem(`${at}.function.arguments`, "must be a JSON-encoded string");
    });
    checkArray(message.citations, "$.message.citations", problem, (citation, at) => {
      if (!isPlainObject(citation)) return problem(at, "must be an object");
      for (const key of ["start", "end"] as const) {
        const value = citation[key];
        if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) {
          problem(`${at}.${key}`, "must be an integer >= 0");
        }
      }
      if (citation.text !== undefined && typeof citation.text !== "string")
        problem(`${at}.text`, "must be a string");
      checkArray(citation.sources, `${at}.sources`, problem, (source, where) => {
        if (!isPlainObject(source) || typeof source.type !== "string")
          problem(where, "must be an object with a type");
      });
    });
  }

  const usage = reply.usage;
  if (usage === undefined) problem("$.usage", "is missing");
  else if (!isPlainObject(usage)) problem("$.usage", "must be an object");
  else {
    for (const group of ["billed_units", "tokens"] as const) {
      const counts = usage[group];
      if (counts === undefined) continue;
      if (!isPlainObject(counts)) {
        problem(`$.usage.${group}`, "must be an object");
        continue;
      }
      for (const [key, value] of Object.entries(counts)) {
        if (typeof value !== "number" || value < 0)
          problem(`$.usage.${group}.${key}`, "must be a number >= 0");
      }
    }
  }
  return problems;
}

function checkArray(
  value: unknown,
  path: string,
  problem: (path: string, message: string) => void,
  each: (item: unknown, path: string) => void,
): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    problem(path, "must be an array");
    return;
  }
  for (const [i, item] of value.entries()) each(item, `${path}[${i}]`);
}
