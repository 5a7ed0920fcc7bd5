import { isPlainObject, type JsonValue } from "../json/json";

/**
 * The documented defaults of `POST /v2/chat` request fields (the spec's request table): a field left out means
 * this value, so a recording without `stream` and a request with `stream: false` ask the same thing. Fields whose
 * default depends on the model (`max_tokens`, `thinking`, `citation_options`) are not listed.
 */
export const CHAT_REQUEST_DEFAULTS: Readonly<Record<string, JsonValue>> = {
  stream: false,
  temperature: 0.3,
  frequency_penalty: 0,
  presence_penalty: 0,
  k: 0,
  p: 0.75,
  logprobs: false,
  safety_mode: "CONTEXTUAL",
  response_format: { type: "text" },
  priority: 0,
};

/** Whether a path (query and a trailing slash aside) is the chat endpoint, under any prefix a gateway adds. */
export function isChatPath(path: string): boolean {
  return /\/v2\/chat\/*$/.test(path.split("?")[0] ?? "");
}

/** `/v2/chat/` and `/v2/chat/?a=1` as `/v2/chat` and `/v2/chat?a=1`: servers route them alike. */
export function withoutTrailingSlash(path: string): string {
  return path.replace(/^([^?]+?)\/+(?=\?|$)/, "$1");
}

/** A chat request body with every documented default filled in where the field was left out. */
export function withChatDefaults(body: JsonValue | undefined): JsonValue | undefined {
  if (!isPlainObject(body)) return body;
  const filled: Record<string, JsonValue> = { ...body };
  for (const [field, value] of Object.entries(CHAT_REQUEST_DEFAULTS)) {
    if (filled[field] === undefined) filled[field] = value;
  }
  return filled;
}
