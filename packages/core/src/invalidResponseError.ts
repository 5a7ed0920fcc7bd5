import { ParleyError } from "./errors";

/**
 * The server answered 2xx, but not with a chat reply: `chat()` got a body that is not a reply's JSON, or
 * `chatStream()` got JSON instead of an event stream (a gateway's error page sent with 200, say). Never returned
 * as data, and not retried: the same request would most likely get the same answer.
 */
export class InvalidResponseError extends ParleyError {
  override readonly name: string = "InvalidResponseError";
  readonly status: number;
  /** The body as text, as it came. */
  readonly body: string;
  readonly headers: Headers;
  /** `x-debug-trace-id`, Cohere's only request id. */
  readonly requestId: string | undefined;

  constructor(response: Response, body: string) {
    const requestId = response.headers.get("x-debug-trace-id") ?? undefined;
    super(
      `${response.status} is not a chat reply: ${JSON.stringify(body.slice(0, 200))}${requestId ? ` (request id ${requestId})` : ""}`,
    );
    this.status = response.status;
    this.body = body;
    this.headers = response.headers;
    this.requestId = requestId;
  }
}
