import { describe, expect, it } from "vitest";
import * as errors from "./errors";
import {
  ApiError,
  apiErrorFor,
  NotFoundError,
  ParleyError,
  parseRetryAfter,
  TimeoutError,
  TooManyRequestsError,
} from "./errors";

type ErrorClass = new (...args: unknown[]) => Error;
const errorClasses = (copy: Record<string, unknown>): Array<[string, ErrorClass]> =>
  Object.entries(copy).filter((entry): entry is [string, ErrorClass] => entry[0].endsWith("Error"));
// One argument list every constructor accepts: ApiError's init, InvalidResponseError's response and body.
const make = (ErrorClass: ErrorClass): Error =>
  new ErrorClass({ status: 400, body: "", headers: new Headers() }, "");
const classes = errorClasses(errors);

describe("errors", () => {
  it("maps a status to its named class whose name equals the class name", () => {
    const error = apiErrorFor({
      status: 429,
      body: { message: "slow down" },
      headers: new Headers({ "x-debug-trace-id": "abc123", "retry-after": "2" }),
      serverMessage: "slow down",
    });
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error.name).toBe("TooManyRequestsError");
    expect(error.message).toBe("429 slow down (request id abc123)");
    expect(error.retryable).toBe(true);
    expect((error as TooManyRequestsError).retryAfterMs).toBe(2000);
    expect(ParleyError.isInstance(error)).toBe(true);
  });

  it("says the status once when the server's plain-text message already starts with it", () => {
    const headers = new Headers();
    expect(
      apiErrorFor({ status: 404, body: "404 Not Found", headers, serverMessage: "404 Not Found" }).message,
    ).toBe("404 Not Found");
    expect(apiErrorFor({ status: 404, body: "", headers, serverMessage: "4040 routes" }).message).toBe(
      "404 4040 routes",
    );
    expect(apiErrorFor({ status: 502, body: "", headers }).message).toBe("502 (no message)");
  });

  it("falls back to ApiError for an undocumented status and does not retry 501", () => {
    expect(apiErrorFor({ status: 418, body: "teapot", headers: new Headers() }).constructor).toBe(ApiError);
    expect(apiErrorFor({ status: 501, body: "", headers: new Headers() }).retryable).toBe(false);
  });

  it("reads retry-after-ms first, then Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    expect(parseRetryAfter(new Headers({ "retry-after": "1.5" }))).toBe(1500);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }))).toBeUndefined();
  });
});

describe("isInstance", () => {
  it("holds exactly where instanceof does: for the class and its subclasses, never for a sibling or a parent", () => {
    expect(classes.length).toBe(23);
    for (const [, Checked] of classes) {
      for (const [, Made] of classes) {
        const error = make(Made);
        expect([Checked.name, Made.name, (Checked as typeof ParleyError).isInstance(error)]).toEqual([
          Checked.name,
          Made.name,
          error instanceof Checked,
        ]);
      }
    }
  });

  it("is false for anything that is not a Parley error, however it is named", () => {
    class LookAlike extends Error {
      static override readonly name = "NotFoundError";
      override readonly name = "NotFoundError";
      readonly status = 404;
    }
    const others = [
      null,
      undefined,
      0,
      "NotFoundError",
      Symbol.for("@parley/core/error"),
      {},
      { name: "NotFoundError", status: 404 },
      Object.assign(new Error("gone"), { name: "NotFoundError" }),
      new LookAlike(),
      NotFoundError,
    ];
    for (const value of others) {
      expect(ParleyError.isInstance(value)).toBe(false);
      expect(NotFoundError.isInstance(value)).toBe(false);
    }
  });

  it("stays bound to its class when read off it, as a callback", () => {
    const thrown = [make(NotFoundError as ErrorClass), make(TimeoutError as ErrorClass), new Error("other")];
    expect(thrown.filter(ApiError.isInstance)).toEqual([thrown[0]]);
    expect(thrown.filter(TimeoutError.isInstance)).toEqual([thrown[1]]);
    expect(thrown.filter(ParleyError.isInstance)).toEqual(thrown.slice(0, 2));
  });

  it("tells a subclass of the caller's own from its parent, by the static name it gives itself", () => {
    class QuotaError extends TooManyRequestsError {
      static override get name(): string {
        return "QuotaError";
      }
    }
    const quota = new QuotaError({ status: 429, body: "", headers: new Headers() });
    const tooMany = new TooManyRequestsError({ status: 429, body: "", headers: new Headers() });
    expect(quota.name).toBe("QuotaError");
    expect([
      QuotaError.isInstance(quota),
      TooManyRequestsError.isInstance(quota),
      ApiError.isInstance(quota),
    ]).toEqual([true, true, true]);
    expect(QuotaError.isInstance(tooMany)).toBe(false);
    // Without a name of its own, a subclass goes by its class name, which holds until a minifier renames it.
    class Unnamed extends TimeoutError {}
    expect([new Unnamed("late").name, Unnamed.isInstance(new TimeoutError("late"))]).toEqual([
      "Unnamed",
      false,
    ]);
  });

  it("counts an error of an older copy, which carries the brand but no class names, as a ParleyError and nothing more", () => {
    // How @parley/core 0.1.0 builds a NotFoundError, as a minifier leaves it: the brand and the name are fields of
    // the instance, and the classes are renamed.
    const brand = Symbol.for("@parley/core/error");
    const y = class extends Error {
      readonly [brand] = true;
    };
    const h = class extends y {};
    const V = class extends h {
      override readonly name = "NotFoundError";
    };
    const old = new V();
    expect(ParleyError.isInstance(old)).toBe(true);
    expect(TimeoutError.isInstance(old)).toBe(false);
  });
});

describe("error names", () => {
  it("survive minification: every error class keeps its own name, and isInstance its class, in a minified copy and across it and this one", async () => {
    const { build } = await import("esbuild");
    const entry = ["errors"]
      .map((file) => `export * from ${JSON.stringify(new URL(`./${file}.ts`, import.meta.url).pathname)};`)
      .join("\n");
    const output = await build({
      stdin: { contents: entry, resolveDir: import.meta.dirname, loader: "ts" },
      bundle: true,
      minify: true,
      format: "esm",
      write: false,
    });
    const code = output.outputFiles[0]?.text ?? "";
    // The classes were renamed: only their exports and their static names still spell them.
    expect(code).not.toMatch(/class NotFoundError|NotFoundError=class/);
    const minified = errorClasses(
      (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Record<string, unknown>,
    );
    expect(minified.length).toBe(23);
    for (const [exported, ErrorClass] of minified) expect(make(ErrorClass).name).toBe(exported);

    // Two copies of the package: this one and the minified one, whose classes `instanceof` does not recognize.
    const source = new Map(classes);
    const sameIn = (exported: string): ErrorClass => source.get(exported) as ErrorClass;
    expect(make(minified[0]?.[1] as ErrorClass)).not.toBeInstanceOf(sameIn(minified[0]?.[0] as string));
    for (const [checkedName, Checked] of minified) {
      for (const [madeName, Made] of minified) {
        const expected = make(sameIn(madeName)) instanceof sameIn(checkedName);
        const checks = [
          (Checked as typeof ParleyError).isInstance(make(Made)),
          (Checked as typeof ParleyError).isInstance(make(sameIn(madeName))),
          (sameIn(checkedName) as typeof ParleyError).isInstance(make(Made)),
        ];
        expect([checkedName, madeName, checks]).toEqual([
          checkedName,
          madeName,
          [expected, expected, expected],
        ]);
      }
    }
  });
});
