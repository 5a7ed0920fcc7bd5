export type BodyResult =
  | { kind: "ok"; text: string }
  | { kind: "too-large" }
  | { kind: "not-utf8" }
  | { kind: "broken"; bytesRead: number; reason: string };

/**
 * Reads a request body as UTF-8, stopping (and cancelling the rest) as soon as it passes `limit` bytes, so a huge
 * or endless upload never sits in memory. A declared `Content-Length` over the limit is refused before reading.
 */
export async function readBody(request: Request, limit: number): Promise<BodyResult> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) {
    await request.body?.cancel().catch(() => {});
    return { kind: "too-large" };
  }
  if (!request.body) return { kind: "ok", text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        reader.cancel().catch(() => {});
        return { kind: "too-large" };
      }
      chunks.push(value);
    }
  } catch (error) {
    return {
      kind: "broken",
      bytesRead: size,
      reason: error instanceof Error ? error.message : String(error),
    };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { kind: "ok", text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { kind: "not-utf8" };
  }
}
