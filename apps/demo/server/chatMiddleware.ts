import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChatHandler } from "@parley/server";
import { toNodeHandler } from "@parley/server/node";

/** The one path this server answers besides the app itself. */
export const CHAT_PATH = "/v2/chat";

/**
 * Connect middleware that hands `/v2/chat` to the chat handler of `@parley/server` (through its Node adapter:
 * body limit while reading, backpressure, aborts); anything else falls through to Vite. The handler answers
 * every refusal itself, in Cohere's error shape.
 */
export function createChatMiddleware(handle: ChatHandler) {
  const node = toNodeHandler(handle);
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.url?.split("?")[0] !== CHAT_PATH) return next();
    node(req, res);
  };
}
