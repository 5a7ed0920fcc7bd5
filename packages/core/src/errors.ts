import type { StandardSchemaIssue } from "./standardSchema";
import type { ChatResponse } from "./types";

const brand = Symbol.for("@parley/core/error");

/**
 * The base of every error Parley raises. Each class names itself in `name` (minifiers rename classes, so
 * `new.target.name` would not survive a production bundle). `ParleyError.isInstance` works across duplicate copies of the
 * package (two versions in one bundle), where `instanceof` would not.
 */
export class ParleyError extends Error {
  override readonly name: string = "ParleyError";
  readonly [brand] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /**
   * Whether `value` is an error raised by Parley, from any copy of the package (where `instanceof` sees only its own
   * copy's classes). Every subclass inherits this very check, so it tells a Parley error from any other error, not one
   * class from another: `NotFoundError.isInstance(e)` holds for every Parley error and narrows to `ParleyError`. Tell
   * the classes apart by `name` (or an `ApiError`'s `status`).
   */
  static isInstance(value: unknown): value is ParleyError {
    return typeof value === "object" && value !== null && (value as { [brand]?: unknown })[brand] === true;
  }
}

/**
 * What an {@link ApiError} (or a subclass) is built from: the non-2xx response's status, body and headers, and the
 * message read from its body.
 */
export interface ApiErrorInit {
  status: number;
  /** The parsed JSON body, or the raw text when the body is not JSON. */
  body: unknown;
  headers: Headers;
  /** The server's own message, read from the body. */
  serverMessage?: string;
}

/** The server answered with a non-2xx status. One subclass per status Cohere documents. */
export class ApiError extends ParleyError {
  override readonly name: string = "ApiError";
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
  /** `x-debug-trace-id`, Cohere's only request id. */
  readonly requestId: string | undefined;
  /** Whether retrying the same request may succeed (408, 409, 429, 500, 502, 503, 504). */
  readonly retryable: boolean;

  constructor(init: ApiErrorInit) {
    const requestId = init.headers.get("x-debug-trace-id") ?? undefined;
    super(describe(init.status, init.serverMessage, requestId));
    this.status = init.status;
    this.body = init.body;
    this.headers = init.headers;
    this.requestId = requestId;
    this.retryable = RETRYABLE_STATUSES.has(init.status);
  }
}

/** Statuses worth another attempt. 501 is not: the server will not implement it on a second try. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429, 500, 502, 503, 504]);

function describe(status: number, serverMessage: string | undefined, requestId: string | undefined): string {
  let message = `${status} ${serverMessage ?? "(no message)"}`;
  if (requestId) message += ` (request id ${requestId})`;
  return message;
}

export class BadRequestError extends ApiError {
  override readonly name: string = "BadRequestError";
}
export class UnauthorizedError extends ApiError {
  override readonly name: string = "UnauthorizedError";
}
export class PaymentRequiredError extends ApiError {
  override readonly name: string = "PaymentRequiredError";
}
export class ForbiddenError extends ApiError {
  override readonly name: string = "ForbiddenError";
}
export class NotFoundError extends ApiError {
  override readonly name: string = "NotFoundError";
}
export class UnprocessableEntityError extends ApiError {
  override readonly name: string = "UnprocessableEntityError";
}
export class TooManyRequestsError extends ApiError {
  override readonly name: string = "TooManyRequestsError";
  /** The wait the server asked for (`retry-after-ms` or `Retry-After`), when it said one. */
  get retryAfterMs(): number | undefined {
    return parseRetryAfter(this.headers);
  }
}
export class InvalidTokenError extends ApiError {
  override readonly name: string = "InvalidTokenError";
}
export class ClientClosedRequestError extends ApiError {
  override readonly name: string = "ClientClosedRequestError";
}
export class InternalServerError extends ApiError {
  override readonly name: string = "InternalServerError";
}
export class NotImplementedError extends ApiError {
  override readonly name: string = "NotImplementedError";
}
export class ServiceUnavailableError extends ApiError {
  override readonly name: string = "ServiceUnavailableError";
}
export class GatewayTimeoutError extends ApiError {
  override readonly name: string = "GatewayTimeoutError";
}

const BY_STATUS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  402: PaymentRequiredError,
  403: ForbiddenError,
  404: NotFoundError,
  422: UnprocessableEntityError,
  429: TooManyRequestsError,
  498: InvalidTokenError,
  499: ClientClosedRequestError,
  500: InternalServerError,
  501: NotImplementedError,
  503: ServiceUnavailableError,
  504: GatewayTimeoutError,
};

/** The `ApiError` subclass for a status (plain `ApiError` for statuses Cohere does not document). */
export function apiErrorFor(init: ApiErrorInit): ApiError {
  const ErrorClass = BY_STATUS[init.status] ?? ApiError;
  return new ErrorClass(init);
}

/**
 * The wait a response asks for, in milliseconds: `retry-after-ms` first, then `Retry-After` as seconds
 * or an HTTP date. Undefined when neither is present or readable.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && Number.isFinite(+ms)) return Math.max(0, +ms);
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  const wait = Number.isFinite(+value) ? +value * 1000 : Date.parse(value) - now;
  return Number.isNaN(wait) ? undefined : Math.max(0, wait);
}

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

/** The request never got an HTTP answer (DNS, refused connection, reset, CORS). */
export class ConnectionError extends ParleyError {
  override readonly name: string = "ConnectionError";
}

/** `timeoutMs` or `streamIdleTimeoutMs` ran out. */
export class TimeoutError extends ParleyError {
  override readonly name: string = "TimeoutError";
}

/** The caller aborted (its `signal`, `stream.abort()`, or leaving a `for await` early). */
export class AbortError extends ParleyError {
  override readonly name: string = "AbortError";
}

/**
 * How a stream failed: `incomplete` (it ended without `message-end`), `broken` (reading the body failed: a dropped
 * connection), `malformed` (invalid JSON, a body that is not an event stream, or events no client can assemble
 * into a reply), or `too-large` (the body passed `maxResponseBytes`, and the request was aborted).
 */
export type StreamErrorKind = "incomplete" | "broken" | "malformed" | "too-large";

/** The stream broke or was malformed after it had started. `partial` holds what had arrived. */
export class StreamError extends ParleyError {
  override readonly name: string = "StreamError";
  readonly kind: StreamErrorKind;
  /** What had arrived when the stream failed, as `chat()` would have returned it. */
  partial: ChatResponse | undefined;

  constructor(
    message: string,
    options?: { cause?: unknown; partial?: ChatResponse | undefined; kind?: StreamErrorKind },
  ) {
    super(message, options);
    this.kind = options?.kind ?? "malformed";
    this.partial = options?.partial;
  }
}

/** The request was refused before anything was sent. `path` names the field, e.g. `messages[2].tool_call_id`. */
export class ValidationError extends ParleyError {
  override readonly name: string = "ValidationError";
  readonly path: string;
  readonly rule: string;

  constructor(path: string, rule: string) {
    super(`${path}: ${rule}`);
    this.path = path;
    this.rule = rule;
  }
}

/** A chat action was refused because a run is in progress or tool results are awaited (busy policy `reject`). */
export class ChatBusyError extends ParleyError {
  override readonly name: string = "ChatBusyError";
}

/**
 * A structured reply (`chatObject`, `chatObjectStream`) that is not JSON, or does not fit the schema. `text` is
 * the reply as it came; `issues` say what was wrong and where (`path`), as the schema reported them (a reply that
 * is not JSON has one issue and no path).
 */
export class ObjectValidationError extends ParleyError {
  override readonly name: string = "ObjectValidationError";
  readonly text: string;
  readonly issues: ReadonlyArray<StandardSchemaIssue>;
  readonly response: ChatResponse;

  constructor(
    message: string,
    init: { text: string; issues: ReadonlyArray<StandardSchemaIssue>; response: ChatResponse },
  ) {
    super(message);
    this.text = init.text;
    this.issues = init.issues;
    this.response = init.response;
  }
}
