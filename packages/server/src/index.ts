export { MAX_JSON_DEPTH } from "@parley/core/protocol";
export type { ChatHandler, ChatHandlerOptions, OnRequest, UpstreamFetch } from "./chatHandlerOptions";
export { createChatHandler, DEFAULT_BASE_URL, DEFAULT_MAX_BODY_BYTES } from "./createChatHandler";
export { REDACTED } from "./redactor";
