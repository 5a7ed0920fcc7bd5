/** Cohere's API host. `/v2/chat` is joined onto whatever `baseUrl` is given. */
export const DEFAULT_BASE_URL = "https://api.cohere.com";

/** Attempts after the first one. */
export const DEFAULT_MAX_RETRIES = 2;

/** How long a call may take until its reply has started, across all attempts (5 minutes). */
export const DEFAULT_TIMEOUT_MS = 300_000;

/** How long a stream may stay silent between two chunks. */
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 60_000;

/** How many bytes one response body may hold (32 MiB): a reply, a whole stream, or an error's body. */
export const DEFAULT_MAX_RESPONSE_BYTES = 33_554_432;
