// `@parley/core/protocol`: the tools for people who build on the wire (proxies, gateways, test kits).
// Applications use the root entry.

export type { GrammarRule, GrammarViolation, StreamGrammar } from "./grammar";
export { checkStreamGrammar, createStreamGrammar, STREAM_EVENT_TYPES } from "./grammar";
export { isChatResponse } from "./isChatResponse";
export { MAX_JSON_DEPTH, nestsDeeperThan } from "./jsonDepth";
export { parsePartialJson } from "./partialJson";
export { assembleResponse } from "./replyBuilder";
export type { SseDecoder, SseMessage } from "./sse";
export { createSseDecoder, DONE, decodeEvents, parseStreamEvent } from "./sse";
export { validateRequest } from "./validate";
