import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Real Cohere recordings copied from the shared fixtures (see `__fixtures__/cohere-real/PROVENANCE.md`). */
export const RECORDINGS_DIR = join(import.meta.dirname, "..", "__fixtures__", "cohere-real");

export interface RecordedStream {
  name: string;
  /** The streamed body as it goes over the wire. */
  sse: string;
}

export interface RecordedReply {
  name: string;
  status: number;
  headers: Record<string, string>;
  /** The exact body string. */
  body: string;
  requestBody: string | null;
}

/**
 * Every recorded stream as wire bytes. `.sse` files are byte-exact already; `.jsonl` files hold payloads only and
 * get the framing Cohere puts on the wire: `event: <type>\ndata: <json>\n\n` per line, then `data: [DONE]\n\n`.
 */
export function recordedStreams(): RecordedStream[] {
  const files = readdirSync(RECORDINGS_DIR).filter(
    (file) => file.endsWith(".sse") || file.endsWith(".jsonl"),
  );
  return files.sort().map((file) => {
    const text = readFileSync(join(RECORDINGS_DIR, file), "utf8");
    const name = file.replace(/\.(sse|jsonl)$/, "");
    return { name, sse: file.endsWith(".sse") ? text : frameJsonLines(text) };
  });
}

export function frameJsonLines(jsonl: string): string {
  let body = "";
  for (const line of jsonl.split("\n")) {
    if (!line.trim()) continue;
    const type = (JSON.parse(line) as { type: string }).type;
    body += `event: ${type}\ndata: ${line}\n\n`;
  }
  return `${body}data: [DONE]\n\n`;
}

/** Every recorded non-streamed reply (`chat-*.json`, `error-*.json`). */
export function recordedReplies(): RecordedReply[] {
  const files = readdirSync(RECORDINGS_DIR).filter((file) => /^(chat|error)-.*\.json$/.test(file));
  return files.sort().map((file) => {
    const raw = JSON.parse(readFileSync(join(RECORDINGS_DIR, file), "utf8")) as {
      status: number;
      headers: Record<string, string>;
      body: string;
      request_body: string | null;
    };
    return {
      name: file.replace(/\.json$/, ""),
      status: raw.status,
      headers: raw.headers,
      body: raw.body,
      requestBody: raw.request_body,
    };
  });
}
