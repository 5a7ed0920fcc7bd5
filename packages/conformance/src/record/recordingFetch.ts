import type { Cassette, Interaction, RecordedRequest, RecordedResponse } from "../cassette/cassette";
import { tapBody } from "../http/bodyTap";
import { type FetchLike, toRequest } from "../http/fetchLike";
import { TRANSFER_HEADERS } from "../http/transferHeaders";
import type { JsonValue } from "../json/json";
import { assertNoSecrets, type SecretScanOptions } from "../secrets/scanSecrets";

/** How `createRecordingFetch` records: the secret scan's settings, a callback per interaction and whether to keep timing. */
export interface RecordingOptions extends SecretScanOptions {
  /** Called with each interaction once its response body has been read to the end (or given up on). */
  onInteraction?: (interaction: Interaction) => void;
  /**
   * Record when each streamed chunk arrived (`pacing`), for replay with `pacing: "recorded"`.
   * @default true
   */
  pacing?: boolean;
}

/**
 * What `createRecordingFetch` returns: a `fetch` to use in place of the upstream one, the interactions it has
 * recorded so far, and `toCassette()` to save them once no secret would be written.
 */
export interface RecordingFetch {
  /** Use this where the upstream fetch was used; it answers exactly as upstream does. */
  fetch: FetchLike;
  /** The interactions recorded so far, in the order they completed. */
  readonly interactions: readonly Interaction[];
  /** The configured secrets plus every credential seen in a request header. */
  readonly secrets: readonly string[];
  /** A cassette of everything recorded so far. Throws `SecretLeakError` if any secret would be in it. */
  toCassette(meta?: { name?: string; notes?: string }): Cassette;
}

/** Request headers never recorded; a header whose name looks like a credential is dropped from responses too. */
const SENSITIVE_HEADER = /auth|key|token|secret|cookie|session|signature|credential|password/i;
const KEY_PARAMETER = /^(?:api[_-]?key|access[_-]?token|token|key|secret|password)$/i;

/**
 * Wraps a fetch so that every request and response passing through is recorded as an interaction: no request
 * header is kept, credential-like response headers and URL parameters are dropped, and streamed bodies keep their
 * chunk boundaries (and arrival times). The caller's response streams through unchanged as it arrives.
 */
export function createRecordingFetch(upstream: FetchLike, options: RecordingOptions = {}): RecordingFetch {
  const interactions: Interaction[] = [];
  const secrets = new Set(options.secrets ?? []);
  const complete = (interaction: Interaction) => {
    interactions.push(interaction);
    options.onInteraction?.(interaction);
  };

  const fetch: FetchLike = async (input, init) => {
    const request = toRequest(input, init);
    for (const [name, value] of request.headers) {
      if (SENSITIVE_HEADER.test(name)) secrets.add(value.replace(/^bearer\s+/i, ""));
    }
    const recordedRequest = await recordRequest(request.clone());
    const response = await upstream(request);
    const started = Date.now();
    const stream = (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
    const finish = (texts: string[], pacing: number[], notes?: string) => {
      const recorded: RecordedResponse = {
        status: response.status,
        headers: recordHeaders(response.headers),
      };
      if (stream) {
        recorded.chunks = texts;
        if (options.pacing !== false) recorded.pacing = pacing;
      } else if (texts.length > 0) recorded.body = parseBody(texts.join(""));
      complete({ request: recordedRequest, response: recorded, ...(notes ? { notes } : {}) });
    };
    const decoder = new TextDecoder();
    const texts: string[] = [];
    const pacing: number[] = [];
    if (!response.body) {
      finish([], []);
      return response;
    }
    return tapBody(response, {
      onChunk(chunk) {
        const text = decoder.decode(chunk, { stream: true });
        if (text) {
          texts.push(text);
          pacing.push(Date.now() - started);
        }
      },
      onEnd(end) {
        const rest = decoder.decode();
        if (rest) texts.push(rest);
        const count = texts.length;
        finish(
          texts,
          pacing,
          end.kind === "error"
            ? `The body broke after ${count} chunks: ${(end.error as Error).message}`
            : end.kind === "cancel"
              ? `The client stopped reading after ${count} chunks.`
              : undefined,
        );
      },
    });
  };

  return {
    fetch,
    interactions,
    get secrets() {
      return [...secrets];
    },
    toCassette(meta = {}) {
      const cassette: Cassette = {
        ...meta,
        recorded_at: new Date().toISOString(),
        interactions: [...interactions],
      };
      assertNoSecrets(cassette, meta.name ?? "the cassette", { ...options, secrets: [...secrets] });
      return cassette;
    },
  };
}

async function recordRequest(request: Request): Promise<RecordedRequest> {
  const url = new URL(request.url);
  for (const name of [...url.searchParams.keys()])
    if (KEY_PARAMETER.test(name)) url.searchParams.delete(name);
  const recorded: RecordedRequest = { method: request.method.toUpperCase(), path: url.pathname + url.search };
  const text = await request.text();
  if (text !== "") recorded.body = parseBody(text);
  return recorded;
}

function recordHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!TRANSFER_HEADERS.has(name) && !SENSITIVE_HEADER.test(name)) kept[name] = value;
  });
  return kept;
}

function parseBody(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}
