import { ParleyError } from "./errors";

/**
 * The server answered 2xx, but not with what was asked for: `chat()` got a body that is not the JSON of a chat
 * reply, or `chatStream()` got JSON instead of an event stream (a proxy's error page sent with 200, say).
 * Never returned as data. Not retried: the same request would most likely get the same answer.
 */
export class InvalidResponseError extends ParleyError {
  readonly status: number;
  /** The body as text, as it came. */
  readonly body: string;
  readonly headers: Headers;
  /** `x-debug-trace-id`, Cohere's only request id. */
  readonly requestId: string | undefined;

  constructor(expected: string, status: number, headers: Headers, body: string) {
    const requestId = headers.get("x-debug-trace-id") ?? undefined;
    const shown = body.length > 200 ? `${body.slice(0, 200)}…` : body;
    super(
      `Expected ${expected}, got ${status} with ${shown ? JSON.stringify(shown) : "an empty body"}` +
        (requestId ? ` (request id ${requestId})` : ""),
    );
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.requestId = requestId;
  }
}
