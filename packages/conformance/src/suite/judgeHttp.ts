import { check } from "./check";
import type { Exchange } from "./exchange";
import type { CheckResult, Mode } from "./types";

const CONTENT_TYPES: Record<Mode, string> = { plain: "application/json", stream: "text/event-stream" };

/** The answer arrived, with status 200 and the content type its mode needs. `undefined` checks mean go on. */
export function judgeHttp(exchange: Exchange, mode: Mode): { results: CheckResult[]; ok: boolean } {
  const status = check("http.status", "required", mode);
  if (exchange.networkError !== undefined && exchange.status === 0) {
    return { results: [status.fail(`no answer: ${exchange.networkError}`)], ok: false };
  }
  const results: CheckResult[] = [];
  if (exchange.status !== 200) {
    results.push(
      status.fail(`HTTP ${exchange.status}, expected 200: ${clip(exchange.text)}`, {
        diffs: [{ path: "status", expected: 200, received: exchange.status }],
      }),
    );
    return { results, ok: false };
  }
  results.push(status.pass());
  results.push(judgeContentType(exchange, mode));
  if (exchange.networkError !== undefined) {
    results.push(check("http.body", "required", mode).fail(exchange.networkError));
  }
  return { results, ok: true };
}

export function judgeContentType(exchange: Exchange, mode: Mode): CheckResult {
  const c = check("http.content-type", "required", mode);
  const expected = CONTENT_TYPES[mode];
  const received = exchange.headers.get("content-type");
  return mediaType(received) === expected
    ? c.pass()
    : c.fail(`content-type ${JSON.stringify(received)}, expected ${expected}`, {
        diffs: [{ path: "headers.content-type", expected, received }],
      });
}

/** `text/event-stream; charset=utf-8` -> `text/event-stream`. */
export function mediaType(value: string | null): string | undefined {
  return value?.split(";")[0]?.trim().toLowerCase();
}

export function clip(text: string, max = 120): string {
  return text.length > max ? `${JSON.stringify(text.slice(0, max))}…` : JSON.stringify(text);
}
