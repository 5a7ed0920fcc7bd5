import { describe, expectTypeOf, it } from "vitest";
import {
  ApiError,
  NotFoundError,
  ParleyError,
  StreamError,
  TimeoutError,
  TooManyRequestsError,
} from "./errors";

declare const caught: unknown;

describe("isInstance narrows to the class it is called on", () => {
  it("leaves the else branch the rest, not never, for classes of the same shape", () => {
    if (ParleyError.isInstance(caught)) {
      if (TimeoutError.isInstance(caught)) return;
      expectTypeOf(caught.message).toEqualTypeOf<string>();
    }
    if (ApiError.isInstance(caught) && !NotFoundError.isInstance(caught)) {
      expectTypeOf(caught.status).toEqualTypeOf<number>();
    }
  });

  it("ParleyError.isInstance to ParleyError", () => {
    if (ParleyError.isInstance(caught)) expectTypeOf(caught).toEqualTypeOf<ParleyError>();
  });

  it("ApiError.isInstance to ApiError, with its status", () => {
    if (ApiError.isInstance(caught)) {
      expectTypeOf(caught).toEqualTypeOf<ApiError>();
      expectTypeOf(caught.status).toEqualTypeOf<number>();
    }
  });

  it("NotFoundError.isInstance to NotFoundError, and TooManyRequestsError.isInstance to its retryAfterMs", () => {
    if (NotFoundError.isInstance(caught)) expectTypeOf(caught).toEqualTypeOf<NotFoundError>();
    if (TooManyRequestsError.isInstance(caught)) {
      expectTypeOf(caught).toEqualTypeOf<TooManyRequestsError>();
      expectTypeOf(caught.retryAfterMs).toEqualTypeOf<number | undefined>();
    }
  });

  it("StreamError.isInstance to StreamError, with its kind and partial reply", () => {
    if (StreamError.isInstance(caught)) expectTypeOf(caught.kind).toEqualTypeOf<StreamError["kind"]>();
    // @ts-expect-error: a TimeoutError has no `kind`
    if (TimeoutError.isInstance(caught)) caught.kind;
  });

  it("a subclass of the caller's own to that subclass", () => {
    class QuotaError extends TooManyRequestsError {
      static override get name(): string {
        return "QuotaError";
      }
      readonly quota: "daily" = "daily";
    }
    if (QuotaError.isInstance(caught)) expectTypeOf(caught.quota).toEqualTypeOf<"daily">();
  });

  it("a union member out of a union", () => {
    const error = caught as ApiError | TimeoutError;
    if (ApiError.isInstance(error)) expectTypeOf(error).toEqualTypeOf<ApiError>();
    else expectTypeOf(error).toEqualTypeOf<TimeoutError>();
  });
});
