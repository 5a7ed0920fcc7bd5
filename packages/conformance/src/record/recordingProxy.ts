import type { FetchLike } from "../http/fetchLike";
import { createServer, type RunningServer, type ServerOptions } from "../http/server";
import type { SecretScanOptions } from "../secrets/scanSecrets";
import { createCassetteWriter } from "./cassetteFiles";
import { forwardTo } from "./forwardTo";
import { createRecordingFetch } from "./recordingFetch";

/**
 * Where `createRecordingProxy` listens, where it forwards to and where the cassettes go, with the secret scan's
 * settings for what must never be written.
 */
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

/**
 * A local HTTP proxy to `upstream` that records every exchange into `out` as a cassette of its own
 * (`0001-v2-chat.json`, `0002-v2-chat-stream.json`, ...). The client's credentials are forwarded upstream and never
 * recorded; a cassette in which one would appear is not written. An unreachable upstream gets a 502, unrecorded.
 */
export async function createRecordingProxy(options: RecordingProxyOptions): Promise<RunningServer> {
  const write = createCassetteWriter(options.out, {
    allow: options.allow,
    secrets: () => recorder.secrets,
    onWritten: options.onCassette,
  });
  const recorder = createRecordingFetch(options.fetch ?? globalThis.fetch, {
    ...options,
    onInteraction: (interaction) => void write(interaction),
  });
  const forward = forwardTo(options.upstream, (input, init) => recorder.fetch(input, init));
  return createServer(forward, options);
}
