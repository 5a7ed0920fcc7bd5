import type { StandardSchemaIssue } from "./standardSchema";
import type { ChatResponse } from "./types";

const brand = Symbol.for("@parley/core/error");

/**
 * The base of every error Parley raises. Each class spells out its name in a static `name` getter, since minifiers
 * rename classes (a getter, not a static field: compilers that turn class fields into assignments would fail on a
 * function's read-only `name`), and an error's `name` is its class's. `isInstance` works across duplicate copies of
 * the package (two versions in one bundle), where `instanceof` would not.
 */
export class ParleyError extends Error {
  // Type-only, one per class (no code): classes of the same shape stay apart to TypeScript, so `isInstance`
  // narrows the `else` branch too instead of leaving `never`.
  declare private readonly __ParleyError: true;
  static override get name(): string {
    return "ParleyError";
  }
  override readonly name: string = this.constructor.name;
  readonly [brand] = true;

  /**
   * Whether `value` is an instance of this class or of a subclass, from this copy of the package or another (two
   * versions in one bundle, where `instanceof` sees only its own copy's classes), narrowing `value` to this class:
   * `NotFoundError.isInstance(e)` holds for a `NotFoundError` only, `ApiError.isInstance(e)` for every HTTP error,
   * and `ParleyError.isInstance(e)` for every Parley error. Classes are known by their static `name`, so a subclass
   * of your own that must survive minification names itself the same way (`static override get name() { return
   * "QuotaError"; }`). A getter, so that it stays bound to its class when passed on: `errors.some(ApiError.isInstance)`.
   */
  static get isInstance(): <T>(this: abstract new (...args: never[]) => T, value: unknown) => value is T {
    const isInstance = (value: unknown): boolean => {
      let type = (value as { [brand]?: true } | null | undefined)?.[brand] && (value as object).constructor;
      // A Parley error from any copy (any version) is a ParleyError; below it, classes are known by their names.
      // biome-ignore lint/complexity/noThisInStatic: `this` is the class isInstance was read off, maybe a subclass
      while (type && this.name !== "ParleyError" && type.name !== this.name)
        type = Object.getPrototypeOf(type);
      return !!type;
    };
    return isInstance as never;
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
  declare private readonly __ApiError: true;
  static override get name(): string {
    return "ApiError";
  }
  // Fields the constructor sets are `declare`d, here and below: a class field would be defined once more (and cost
  // bytes in every app's initial load).
  declare readonly status: number;
  declare readonly body: unknown;
  declare readonly headers: Headers;
  /** `x-debug-trace-id`, Cohere's only request id. */
  declare readonly requestId: string | undefined;
  /** Whether retrying the same request may succeed (408, 409, 429, 500, 502, 503, 504). */
  declare readonly retryable: boolean;

  constructor({ status, body, headers, serverMessage }: ApiErrorInit) {
    const requestId = headers.get("x-debug-trace-id") ?? undefined;
    // A plain-text body often starts with the status itself ("404 Not Found"): say it once.
    const said = serverMessage ?? "(no message)";
    super(
      `${said.startsWith(`${status} `) ? "" : `${status} `}${said}${requestId ? ` (request id ${requestId})` : ""}`,
    );
    Object.assign(this, { status, body, headers, requestId, retryable: RETRYABLE_STATUSES.has(status) });
  }
}

/** Statuses worth another attempt. 501 is not: the server will not implement it on a second try. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429, 500, 502, 503, 504]);

export class BadRequestError extends ApiError {
  declare private readonly __BadRequestError: true;
  static override get name(): string {
    return "BadRequestError";
  }
}
export class UnauthorizedError extends ApiError {
  declare private readonly __UnauthorizedError: true;
  static override get name(): string {
    return "UnauthorizedError";
  }
}
export class PaymentRequiredError extends ApiError {
  declare private readonly __PaymentRequiredError: true;
  static override get name(): string {
    return "PaymentRequiredError";
  }
}
export class ForbiddenError extends ApiError {
  declare private readonly __ForbiddenError: true;
  static override get name(): string {
    return "ForbiddenError";
  }
}
export class NotFoundError extends ApiError {
  declare private readonly __NotFoundError: true;
  static override get name(): string {
    return "NotFoundError";
  }
}
export class UnprocessableEntityError extends ApiError {
  declare private readonly __UnprocessableEntityError: true;
  static override get name(): string {
    return "UnprocessableEntityError";
  }
}
export class TooManyRequestsError extends ApiError {
  declare private readonly __TooManyRequestsError: true;
  static override get name(): string {
    return "TooManyRequestsError";
  }
  /** The wait the server asked for (`retry-after-ms` or `Retry-After`), when it said one. */
  get retryAfterMs(): number | undefined {
    return parseRetryAfter(this.headers);
  }
}
export class InvalidTokenError extends ApiError {
  declare private readonly __InvalidTokenError: true;
  static override get name(): string {
    return "InvalidTokenError";
  }
}
export class ClientClosedRequestError extends ApiError {
  declare private readonly __ClientClosedRequestError: true;
  static override get name(): string {
    return "ClientClosedRequestError";
  }
}
export class InternalServerError extends ApiError {
  declare private readonly __InternalServerError: true;
  static override get name(): string {
    return "InternalServerError";
  }
}
export class NotImplementedError extends ApiError {
  declare private readonly __NotImplementedError: true;
  static override get name(): string {
    return "NotImplementedError";
  }
}
export class ServiceUnavailableError extends ApiError {
  declare private readonly __ServiceUnavailableError: true;
  static override get name(): string {
    return "ServiceUnavailableError";
  }
}
export class GatewayTimeoutError extends ApiError {
  declare private readonly __GatewayTimeoutError: true;
  static override get name(): string {
    return "GatewayTimeoutError";
  }
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
  declare private readonly __InvalidResponseError: true;
  static override get name(): string {
    return "InvalidResponseError";
  }
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
  declare private readonly __ConnectionError: true;
  static override get name(): string {
    return "ConnectionError";
  }
}

/** `timeoutMs` or `streamIdleTimeoutMs` ran out. */
export class TimeoutError extends ParleyError {
  declare private readonly __TimeoutError: true;
  static override get name(): string {
    return "TimeoutError";
  }
}

/** The caller aborted (its `signal`, `stream.abort()`, or leaving a `for await` early). */
export class AbortError extends ParleyError {
  declare private readonly __AbortError: true;
  static override get name(): string {
    return "AbortError";
  }
}

/**
 * How a stream failed: `incomplete` (it ended without `message-end`), `broken` (reading the body failed: a dropped
 * connection), `malformed` (invalid JSON, a body that is not an event stream, or events no client can assemble
 * into a reply), or `too-large` (the body passed `maxResponseBytes`, and the request was aborted).
 */
export type StreamErrorKind = "incomplete" | "broken" | "malformed" | "too-large";

/** The stream broke or was malformed after it had started. `partial` holds what had arrived. */
export class StreamError extends ParleyError {
  declare private readonly __StreamError: true;
  static override get name(): string {
    return "StreamError";
  }
  declare readonly kind: StreamErrorKind;
  /** What had arrived when the stream failed, as `chat()` would have returned it. */
  declare partial: ChatResponse | undefined;

  constructor(
    message: string,
    options?: { cause?: unknown; partial?: ChatResponse | undefined; kind?: StreamErrorKind },
  ) {
    super(message, options);
    Object.assign(this, { kind: options?.kind ?? "malformed", partial: options?.partial });
  }
}

/** The request was refused before anything was sent. `path` names the field, e.g. `messages[2].tool_call_id`. */
export class ValidationError extends ParleyError {
  declare private readonly __ValidationError: true;
  static override get name(): string {
    return "ValidationError";
  }
  declare readonly path: string;
  declare readonly rule: string;

  constructor(path: string, rule: string) {
    super(`${path}: ${rule}`);
    Object.assign(this, { path, rule });
  }
}

/** A chat action was refused because a run is in progress or tool results are awaited (busy policy `reject`). */
export class ChatBusyError extends ParleyError {
  declare private readonly __ChatBusyError: true;
  static override get name(): string {
    return "ChatBusyError";
  }
}

/**
 * A structured reply (`chatObject`, `chatObjectStream`) that is not JSON, or does not fit the schema. `text` is
 * the reply as it came; `issues` say what was wrong and where (`path`), as the schema reported them (a reply that
 * is not JSON has one issue and no path).
 */
export class ObjectValidationError extends ParleyError {
  declare private readonly __ObjectValidationError: true;
  static override get name(): string {
    return "ObjectValidationError";
  }
  declare readonly text: string;
  declare readonly issues: ReadonlyArray<StandardSchemaIssue>;
  declare readonly response: ChatResponse;

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
