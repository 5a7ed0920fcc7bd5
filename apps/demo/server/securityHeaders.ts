import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The built app's policy: its own scripts, styles and API only; the favicon is a data: URL. No framing by anyone.
 * The dev server needs more: Vite's inline react-refresh preamble and its HMR websocket.
 */
const CONTENT_SECURITY_POLICY = {
  build:
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  dev: "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
} as const;

/**
 * Connect middleware, first in line, that puts the security headers on every response: pages, scripts, styles and
 * the API's answers alike. `nosniff` stops a browser from running a JSON answer as a script.
 */
export function createSecurityHeadersMiddleware(mode: keyof typeof CONTENT_SECURITY_POLICY) {
  return (_req: IncomingMessage, res: ServerResponse, next: () => void) => {
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("content-security-policy", CONTENT_SECURITY_POLICY[mode]);
    res.setHeader("x-frame-options", "DENY");
    res.setHeader("referrer-policy", "no-referrer");
    next();
  };
}
