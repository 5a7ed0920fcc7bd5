import type { JsonValue } from "../json/json";

/**
 * A recorded conversation with an HTTP API: the format every tool of ours reads and writes (see the README).
 * Only `interactions` is required; unknown fields are kept, so other tools may add their own.
 */
export interface Cassette {
  interactions: Interaction[];
  /** A short human name. */
  name?: string;
  /** Free text: where the recording came from, what it shows. */
  notes?: string;
  /** ISO 8601 time of recording. */
  recorded_at?: string;
  /** Where the cassette was loaded from (a file path); set by the loaders, never written to files. */
  source?: string;
  [extra: string]: unknown;
}

/** One request and the response it got. */
export interface Interaction {
  request: RecordedRequest;
  response: RecordedResponse;
  name?: string;
  notes?: string;
  [extra: string]: unknown;
}

/**
 * The request half of an interaction: method, path and body as they were sent, which replay matches incoming
 * requests against (as JSON, by meaning: a chat field left out equals its default). Headers are kept for reading
 * only.
 */
export interface RecordedRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** URL path, with the query string if there was one: `/v2/chat`. */
  path: string;
  /** Informational: matching ignores headers. */
  headers?: Record<string, string>;
  /** The JSON body, or a string for a body that is not JSON. Absent for no body. */
  body?: JsonValue;
  [extra: string]: unknown;
}

/**
 * The response half of an interaction, as replay will send it: status, headers and either a whole body or the
 * streamed chunks exactly as they arrived (with their timing, when recorded).
 */
export interface RecordedResponse {
  /** HTTP status, 100-599. */
  status: number;
  /** Response headers, names in lower case. */
  headers?: Record<string, string>;
  /** A whole body: JSON, or a string sent as it is. Not together with `chunks`. */
  body?: JsonValue;
  /** A streamed body, as it arrived: the chunks concatenated are the raw body. */
  chunks?: string[];
  /**
   * When each chunk arrived, in milliseconds since the response headers, one per chunk and never decreasing.
   * Replay waits accordingly when asked to (`pacing: "recorded"`).
   */
  pacing?: number[];
  [extra: string]: unknown;
}
