import { ApiError } from "./errors";

/**
 * The server answered 2xx, but not with a chat reply: `chat()` got a body that is not a reply's JSON, or
 * `chatStream()` got JSON instead of an event stream (a gateway's error page sent with 200, say). Never returned
 * as data, and not retried: the same request would most likely get the same answer. An `ApiError` like the
 * others (status, body as text, headers, request id), since the server answered and the answer is wrong.
 */
export class InvalidResponseError extends ApiError {
  override readonly name: string = "InvalidResponseError";
  /** The body as text, as it came. */
  declare readonly body: string;

  constructor(response: Response, body: string) {
    super({
      status: response.status,
      body,
      headers: response.headers,
      serverMessage: `is not a chat reply: ${JSON.stringify(body.slice(0, 200))}`,
    });
  }
}
