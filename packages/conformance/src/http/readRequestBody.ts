import type { IncomingMessage } from "node:http";

export type RequestBody =
  | { kind: "ok"; bytes: Uint8Array<ArrayBuffer> }
  /** Past the limit: declared so, or found so while reading. Reading stopped there. */
  | { kind: "too-large" }
  /** The client left before sending it all. */
  | { kind: "aborted" };

/**
 * Reads a request body of at most `limit` bytes. A declared `Content-Length` over the limit is refused before a byte
 * is read, and an undeclared one is refused as soon as it passes the limit: the request is paused there, so a huge
 * or endless upload never sits in memory (Node's buffer is then full and the socket stops reading).
 */
export function readRequestBody(req: IncomingMessage, limit: number): Promise<RequestBody> {
  return new Promise((resolve) => {
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (body: RequestBody) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("close", onAbort);
      if (body.kind === "too-large") req.pause();
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) finish({ kind: "too-large" });
      else chunks.push(chunk);
    };
    const onEnd = () => {
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      finish({ kind: "ok", bytes });
    };
    // Node reports a client that leaves mid-upload as an error ("aborted"), then a close.
    const onAbort = () => {
      if (!req.complete) finish({ kind: "aborted" });
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAbort);
    req.on("close", onAbort);
    if (declared > limit) finish({ kind: "too-large" });
  });
}
