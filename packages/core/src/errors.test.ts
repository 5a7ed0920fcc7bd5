import { describe, expect, it } from "vitest";
import { ApiError, apiErrorFor, ParleyError, parseRetryAfter, TooManyRequestsError } from "./errors";

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

describe("error names", () => {
  it("survive minification: every error class keeps its own name in a minified bundle", async () => {
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
    const minified = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Record<
      string,
      unknown
    >;
    const names = Object.entries(minified).filter(([exported]) => exported.endsWith("Error"));
    expect(names.length).toBe(23);
    // One argument list every constructor accepts: ApiError's init, InvalidResponseError's response and body.
    const init = { status: 400, body: "", headers: new Headers() };
    for (const [exported, ErrorClass] of names) {
      expect(new (ErrorClass as new (...args: unknown[]) => Error)(init, "").name).toBe(exported);
    }
  });
});
