import { ValidationError } from "../errors";
import type { AssistantUIMessage, MessageInput, UIMessage } from "./types";
import { createIdGenerator, toUIMessage } from "./uiMessages";

type Loose = Record<string, unknown>;

const STATUSES = new Set(["streaming", "complete", "stopped", "error", "disconnected"]);
const PARTS: Record<string, Record<string, string>> = {
  user: { text: "text", image_url: "image_url" },
  system: { text: "text" },
  assistant: { text: "text", thinking: "thinking" },
  tool: { text: "text", document: "document" },
};

/**
 * Messages loaded from outside (a saved `snapshot.messages` after `JSON.parse`, a database row) checked and made UI
 * messages: throws `ValidationError` naming the path of the first mistake (`messages[3].tool_calls[0].function.name`).
 * Ids are kept (a missing one is generated; a repeated one is refused). A reply saved while it streamed comes back
 * `stopped`: nothing will continue it. `createChat({ messages })` and `setMessages` run this check.
 */
export function parseChatMessages(
  value: unknown,
  generateId: () => string = createIdGenerator(),
  path = "messages",
): UIMessage[] {
  if (!Array.isArray(value)) throw new ValidationError(path, "must be an array of messages");
  const ids = new Set<string>();
  return value.map((input: unknown, i) => {
    const at = `${path}[${i}]`;
    checkMessage(input, at);
    const message = toUIMessage(input as MessageInput, generateId, at);
    if (ids.has(message.id))
      throw new ValidationError(`${at}.id`, `"${message.id}" is used by an earlier message`);
    ids.add(message.id);
    return message.role === "assistant" && message.status === "streaming"
      ? ({ ...message, status: "stopped" } satisfies AssistantUIMessage)
      : message;
  });
}

function checkMessage(input: unknown, at: string): void {
  if (!isObject(input)) throw new ValidationError(at, "must be a message object");
  const role = input.role;
  const parts = typeof role === "string" ? PARTS[role] : undefined;
  if (!parts) throw new ValidationError(`${at}.role`, 'must be "user", "assistant", "system" or "tool"');
  optional(input, "id", at, (id) => typeof id === "string" && id !== "", "must be a non-empty string");
  if (role !== "assistant" || input.content !== undefined)
    checkContent(input.content, parts, `${at}.content`);
  if (role === "tool") {
    optional(
      input,
      "tool_call_id",
      at,
      (id) => typeof id === "string" && id !== "",
      "must be a non-empty string",
      true,
    );
  }
  if (role === "user" && input.documents !== undefined) {
    eachItem(input.documents, `${at}.documents`, (document, path) => {
      if (typeof document === "string") return;
      if (!isObject(document) || !(isObject(document.data) || typeof document.data === "string")) {
        throw new ValidationError(path, "must be a string or { id?, data } with data an object or string");
      }
    });
  }
  if (role !== "assistant") return;
  optional(input, "tool_plan", at, (plan) => typeof plan === "string", "must be a string");
  optional(input, "response_id", at, (id) => typeof id === "string", "must be a string");
  optional(input, "finish_reason", at, (reason) => typeof reason === "string", "must be a string");
  optional(input, "usage", at, isObject, "must be an object");
  optional(
    input,
    "status",
    at,
    (status) => STATUSES.has(status as string),
    `must be one of ${[...STATUSES].join(", ")}`,
  );
  if (input.tool_calls !== undefined) {
    eachItem(input.tool_calls, `${at}.tool_calls`, (call, path) => {
      if (!isObject(call)) throw new ValidationError(path, "must be a tool call object");
      optional(
        call,
        "id",
        path,
        (id) => typeof id === "string" && id !== "",
        "must be a non-empty string",
        true,
      );
      optional(call, "type", path, (type) => type === "function", 'must be "function"');
      const fn = call.function;
      if (!isObject(fn)) throw new ValidationError(`${path}.function`, "must be { name, arguments }");
      optional(
        fn,
        "name",
        `${path}.function`,
        (name) => typeof name === "string" && name !== "",
        "must be a non-empty string",
        true,
      );
      optional(
        fn,
        "arguments",
        `${path}.function`,
        (args) => typeof args === "string",
        "must be a JSON string",
        true,
      );
    });
  }
  if (input.citations !== undefined) {
    eachItem(input.citations, `${at}.citations`, (citation, path) => {
      if (!isObject(citation)) throw new ValidationError(path, "must be a citation object");
    });
  }
}

function checkContent(content: unknown, parts: Record<string, string>, path: string): void {
  if (typeof content === "string") return;
  eachItem(
    content,
    path,
    (part, at) => {
      const type = isObject(part) ? part.type : undefined;
      const field = typeof type === "string" ? parts[type] : undefined;
      if (!field) throw new ValidationError(`${at}.type`, `must be one of ${Object.keys(parts).join(", ")}`);
      const value = (part as Loose)[field];
      const ok =
        field === "image_url"
          ? isObject(value) && typeof value.url === "string"
          : field === "document"
            ? isObject(value) && (isObject(value.data) || typeof value.data === "string")
            : typeof value === "string";
      if (!ok) {
        const rule =
          field === "image_url"
            ? "must be { url }"
            : field === "document"
              ? "must be { id?, data }"
              : "must be a string";
        throw new ValidationError(`${at}.${field}`, rule);
      }
    },
    "must be a string or an array of content parts",
  );
}

function eachItem(
  value: unknown,
  path: string,
  check: (item: unknown, path: string) => void,
  rule = "must be an array",
): void {
  if (!Array.isArray(value)) throw new ValidationError(path, rule);
  for (let i = 0; i < value.length; i++) check(value[i], `${path}[${i}]`);
}

function optional(
  object: Loose,
  key: string,
  path: string,
  ok: (value: unknown) => boolean,
  rule: string,
  required = false,
): void {
  const value = object[key];
  if (value === undefined ? required : !ok(value)) throw new ValidationError(`${path}.${key}`, rule);
}

function isObject(value: unknown): value is Loose {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
