/**
 * Headers that describe one transfer (its length, encoding and connection), not the reply: a recording drops them,
 * and replay and the server leave them to the HTTP layer that sends the bytes again.
 */
export const TRANSFER_HEADERS: ReadonlySet<string> = new Set([
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
]);
