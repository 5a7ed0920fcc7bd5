import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Interaction } from "../cassette/cassette";
import { writeCassette } from "../cassette/writeCassette";
import { errorResponse } from "../http/errorResponse";
import type { FetchLike } from "../http/fetchLike";
import { describeNetworkError } from "../http/networkError";
import { createServer, type RunningServer, type ServerOptions } from "../http/server";
import type { SecretScanOptions } from "../secrets/scanSecrets";
import { createRecordingFetch } from "./recordingFetch";

export interface RecordingProxyOptions extends ServerOptions, SecretScanOptions {
  /** Base URL requests are forwarded to, e.g. `https://api.cohere.com`. */
  upstream: string;
  /** Folder the cassettes go to, one file per interaction. */
  out: string;
  /** The fetch that reaches upstream. @default globalThis.fetch */
  fetch?: FetchLike;
  /** Told about each cassette written (its path) or refused (the error, which names file and JSON paths). */
  onCassette?: (event: { path: string; error?: Error }) => void;
}

/** Request headers that belong to the hop to the proxy, not to the upstream request. */
const HOP_HEADERS = [
  "host",
  "connection",
  "content-length",
  "keep-alive",
  "transfer-encoding",
  "accept-encoding",
];

/**
 * A local HTTP proxy to `upstream` that records every exchange into `out` as a cassette of its own
 * (`0001-v2-chat.json`, `0002-v2-chat-stream.json`, ...). The client's credentials are forwarded upstream and never
 * recorded; a cassette in which one would appear is not written.
 */
export async function createRecordingProxy(options: RecordingProxyOptions): Promise<RunningServer> {
  const base = new URL(options.upstream);
  const upstreamFetch = options.fetch ?? globalThis.fetch;
  let counter = await highestNumber(options.out);
  const recorder = createRecordingFetch(upstreamFetch, {
    ...options,
    onInteraction: (interaction) => {
      counter++;
      const path = join(options.out, `${String(counter).padStart(4, "0")}-${slug(interaction)}.json`);
      writeCassette(
        path,
        { recorded_at: new Date().toISOString(), interactions: [interaction] },
        {
          ...options,
          secrets: recorder.secrets,
        },
      ).then(
        () => options.onCassette?.({ path }),
        (error: Error) => options.onCassette?.({ path, error }),
      );
    },
  });
  return createServer(async (input) => {
    const request = input as Request;
    const incoming = new URL(request.url);
    const target = new URL(base.pathname.replace(/\/$/, "") + incoming.pathname + incoming.search, base);
    const headers = new Headers(request.headers);
    for (const name of HOP_HEADERS) headers.delete(name);
    const body =
      request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    try {
      return await recorder.fetch(target, { method: request.method, headers, body, signal: request.signal });
    } catch (error) {
      // No answer came, so nothing is recorded; the client learns why.
      if (request.signal.aborted) throw error;
      return errorResponse(502, `The upstream ${base.origin} is unreachable: ${describeNetworkError(error)}`);
    }
  }, options);
}

function slug(interaction: Interaction): string {
  const path = interaction.request.path
    .split("?")[0]!
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  const stream = (interaction.request.body as { stream?: unknown } | undefined)?.stream === true;
  return `${path || "root"}${stream ? "-stream" : ""}`;
}

/** Continue numbering after the files already in the folder, so a second session never overwrites the first. */
async function highestNumber(folder: string): Promise<number> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.reduce((max, name) => Math.max(max, Number(/^(\d+)-/.exec(name)?.[1] ?? 0)), 0);
}
