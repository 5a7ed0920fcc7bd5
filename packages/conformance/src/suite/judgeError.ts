import { isPlainObject } from "../json/json";
import { check } from "./check";
import type { Exchange } from "./exchange";
import { clip, mediaType } from "./judgeHttp";
import type { CheckResult, Mode } from "./types";

/**
 * An error answer as Cohere sends it: the expected status (`expected` empty: any 4xx/5xx, as recorded), a JSON
 * content type, and a body `{"message": "…"}` that SDKs show to people.
 */
export function judgeError(exchange: Exchange, expected: readonly number[], mode: Mode): CheckResult[] {
  const status = check("error.status", "required", mode);
  if (exchange.status === 0) return [status.fail(`no answer: ${exchange.networkError}`)];
  const statusOk = expected.length === 0 ? exchange.status >= 400 : expected.includes(exchange.status);
  const results = [
    statusOk
      ? status.pass()
      : status.fail(`HTTP ${exchange.status}, expected ${expected.join(" or ")}`, {
          diffs: [{ path: "status", expected: expected[0], received: exchange.status }],
        }),
  ];
  if (exchange.status < 400) return results; // a success has no error body to judge

  const type = check("error.content-type", "required", mode);
  const received = exchange.headers.get("content-type");
  results.push(
    mediaType(received) === "application/json"
      ? type.pass()
      : type.fail(`an error sent as ${JSON.stringify(received)}, expected application/json`, {
          diffs: [{ path: "headers.content-type", expected: "application/json", received }],
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
