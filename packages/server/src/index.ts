export type { ChatHandler, ChatHandlerOptions, OnRequest, UpstreamFetch } from "./chatHandlerOptions";
export { createChatHandler, DEFAULT_BASE_URL, DEFAULT_MAX_BODY_BYTES } from "./createChatHandler";
export { MAX_JSON_DEPTH } from "./parseJsonBody";
export { REDACTED } from "./redactor";
