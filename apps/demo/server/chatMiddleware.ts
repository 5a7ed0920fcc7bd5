import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, readBody, sendWebResponse, toWebRequest } from "./nodeBridge.ts";

/** Answers one chat request; the simulated provider and the Cohere proxy both have this shape. */
export type ChatHandler = (request: Request) => Promise<Response>;

/** The one path this server answers besides the app itself. */
export const CHAT_PATH = "/v2/chat";

/**
 * Connect middleware for `POST /v2/chat`. Anything else falls through to Vite. Errors are answered in
 * Cohere's own error body shape (`{"message": ...}`), so the browser's client maps them like real ones.
 */
export function createChatMiddleware(handle: ChatHandler) {
  return async (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    if (req.url?.split("?")[0] !== CHAT_PATH) return next();
    if (req.method !== "POST") {
      return sendError(res, 405, `${req.method} is not allowed on ${CHAT_PATH}; use POST`, { allow: "POST" });
    }
    // Only this page's own origin: another page (another site, or another app on localhost) must not spend the
    // key held here. Browsers always send Origin with a POST; tools such as curl send none and are let through.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== "null" && new URL(origin).host !== req.headers.host) {
      return sendError(res, 403, `${CHAT_PATH} answers only pages served by this server, not ${origin}`);
    }
    // Only JSON, which a cross-site page cannot send without a CORS preflight (Vite's CORS is off in
    // vite.config.ts), and not a form post.
    if (!req.headers["content-type"]?.startsWith("application/json")) {
      return sendError(res, 415, `${CHAT_PATH} takes content-type application/json`);
    }
    let body: string;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendError(res, 413, error.message);
      return next(error);
    }
    let response: Response;
    try {
      response = await handle(toWebRequest(req, res, body));
    } catch (error) {
      if (res.destroyed) return;
      const reason =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : "";
      return sendError(
        res,
        502,
        `the demo server could not reach the provider${reason ? `: ${reason}` : ""}`,
      );
    }
    await sendWebResponse(res, response);
  };
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ message }));
}
