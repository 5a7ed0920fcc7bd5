import type { FetchLike } from "../../http/fetchLike";
import { simulated } from "../../test/brokenProviders";

/**
 * The simulated provider with one thing broken, as a tester's proxy broke it in front of `serve --simulate`
 * (its `provider.mjs`, VARIANT env var; the transforms are copied from there). Each is what a real provider got
 * wrong once: the suite's verdict and each SDK's are tested against them.
 */
export type ProviderVariant =
  | "none"
  | "lowerfinish"
  | "singlecrlf"
  | "err200"
  | "err200stream"
  | "noid"
  | "cronly";

const ERROR_BODY = JSON.stringify({ message: "upstream model overloaded, try again" });

export function providerVariant(variant: ProviderVariant): FetchLike {
  const inner = simulated();
  return async (input, init) => {
    const response = await inner(input, init);
    const type = response.headers.get("content-type") ?? "";
    const text = await response.text();
    const headers = new Headers(response.headers);
    const answer = (body: string) => new Response(body, { status: response.status, headers });
    if (response.status !== 200) return answer(text);
    if (variant === "err200") {
      headers.set("content-type", "application/json");
      return answer(ERROR_BODY);
    }
    if (!type.includes("event-stream")) return answer(JSON.stringify(edit(variant, JSON.parse(text))));
    if (variant === "err200stream") return answer(ERROR_BODY);
    const events = text
      .split("\n\n")
      .filter((event) => event.trim())
      .map((event) =>
        event
          .split("\n")
          .map((line) =>
            line.startsWith("data: ") && line !== "data: [DONE]"
              ? `data: ${JSON.stringify(edit(variant, JSON.parse(line.slice(6))))}`
              : line,
          ),
      );
    const [line, between] =
      variant === "cronly" ? ["\r", "\r\r"] : variant === "singlecrlf" ? ["\n", "\r\n"] : ["\n", "\n\n"];
    return answer(events.map((lines) => lines.join(line)).join(between) + between);
  };
}

type Json = Record<string, unknown> & { delta?: Record<string, unknown> };

function edit(variant: ProviderVariant, value: Json): Json {
  if (variant === "lowerfinish") {
    if (typeof value.finish_reason === "string") value.finish_reason = value.finish_reason.toLowerCase();
    if (typeof value.delta?.finish_reason === "string")
      value.delta.finish_reason = value.delta.finish_reason.toLowerCase();
  }
  // The tester's proxy dropped message-start's id; the plain reply's goes too, to judge both.
  if (variant === "noid" && (value.type === "message-start" || "finish_reason" in value)) delete value.id;
  return value;
}
