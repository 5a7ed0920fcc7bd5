import { isPlainObject } from "../json/json";
import { check } from "./check";
import type { Exchange } from "./exchange";
import { clip, mediaType } from "./judgeHttp";
import type { CheckResult, Mode, Severity } from "./types";

/**
 * An error answer as Cohere sends it: the expected status (`expected` empty: any 4xx/5xx, as recorded), a JSON
 * content type, and a body `{"message": "…"}` that SDKs show to people. With `statusSeverity` below required, any
 * 4xx a client gives up on (not 408, 409 or 429, which clients retry) is enough, and `expected` is only advised.
 */
export function judgeError(
  exchange: Exchange,
  expected: readonly number[],
  mode: Mode,
  statusSeverity: Severity = "required",
): CheckResult[] {
  const status = check("error.status", "required", mode);
  const received = exchange.status;
  if (received === 0) return [status.fail(`no answer: ${exchange.networkError}`)];
  const lenient = statusSeverity !== "required";
  const named = expected.includes(received);
  const statusOk =
    expected.length === 0
      ? received >= 400
      : lenient
        ? received > 399 && received < 500 && ![408, 409, 429].includes(received)
        : named;
  const wanted = lenient ? "a 4xx a client does not retry (not 408, 409 or 429)" : expected.join(" or ");
  const results = [
    statusOk
      ? status.pass()
      : status.fail(`HTTP ${received}, expected ${wanted}`, {
          diffs: [{ path: "status", expected: lenient ? wanted : expected[0], received }],
        }),
  ];
  if (lenient && statusOk) {
    const advised = check("error.cohere-status", statusSeverity, mode);
    results.push(
      named
        ? advised.pass()
        : advised.fail(`HTTP ${received}, where Cohere answers ${expected.join(" or ")}`, {
            diffs: [{ path: "status", expected: expected[0], received }],
          }),
    );
  }
  if (received < 400) return results; // a success has no error body to judge

  const type = check("error.content-type", "required", mode);
  const sent = exchange.headers.get("content-type");
  results.push(
    mediaType(sent) === "application/json"
      ? type.pass()
      : type.fail(`an error sent as ${JSON.stringify(sent)}, expected application/json`, {
          diffs: [{ path: "headers.content-type", expected: "application/json", received: sent }],
        }),
  );

  const body = check("error.body", "required", mode);
  let parsed: unknown;
  try {
    parsed = JSON.parse(exchange.text);
  } catch {
    results.push(body.fail(`the error body is not JSON: ${clip(exchange.text)}`));
    return results;
  }
  results.push(
    isPlainObject(parsed) && typeof parsed.message === "string" && parsed.message !== ""
      ? body.pass()
      : body.fail(`the error body has no "message" string: ${clip(exchange.text)}`, {
          diffs: [
            {
              path: "$.message",
              expected: "a non-empty string",
              received: isPlainObject(parsed) ? parsed.message : parsed,
            },
          ],
        }),
  );
  return results;
}
