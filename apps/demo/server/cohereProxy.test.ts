import { describe, expect, it } from "vitest";
import { createCohereProxy } from "./cohereProxy.ts";
import { REDACTED } from "./redactSecret.ts";

const KEY = "sk-test-proxy-7c1e";

function chatRequest(body: object, headers: Record<string, string> = {}): Request {
  return new Request("http://127.0.0.1:4173/v2/chat", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** A fetch that records what it was asked and answers with `response`. */
function upstream(response: () => Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (url: URL, init: RequestInit) => {
    calls.push({ url: String(url), init });
    return response();
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

describe("createCohereProxy", () => {
  it("sends the body to Cohere's /v2/chat with the key added on the server side", async () => {
    const { calls, fetch } = upstream(
      () => new Response("{}", { headers: { "content-type": "application/json" } }),
    );
    const proxy = createCohereProxy({ apiKey: KEY, fetch });
    await proxy(chatRequest({ model: "m", messages: [] }, { authorization: "Bearer from-the-browser" }));

    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe("https://api.cohere.com/v2/chat");
    expect(calls[0]!.init.method).toBe("POST");
    expect(calls[0]!.init.body).toBe('{"model":"m","messages":[]}');
    expect(calls[0]!.init.headers).toMatchObject({
      authorization: `Bearer ${KEY}`,
      "x-client-name": "parley-demo",
    });
  });

  it("uses the base URL it is given", async () => {
    const { calls, fetch } = upstream(() => new Response("{}"));
    await createCohereProxy({ apiKey: KEY, baseUrl: "http://127.0.0.1:9/", fetch })(chatRequest({}));
    expect(calls[0]!.url).toBe("http://127.0.0.1:9/v2/chat");
  });

  it("passes the status, the body and only the listed headers back", async () => {
    const { fetch } = upstream(
      () =>
        new Response('{"message":"too many"}', {
          status: 429,
          headers: {
            "content-type": "application/json",
            "x-debug-trace-id": "abc",
            "retry-after": "3",
            "set-cookie": "session=1",
            "x-envoy-upstream-service-time": "12",
          },
        }),
    );
    const response = await createCohereProxy({ apiKey: KEY, fetch })(chatRequest({}));
    expect(response.status).toBe(429);
    expect(Object.fromEntries(response.headers)).toEqual({
      "content-type": "application/json",
      "x-debug-trace-id": "abc",
      "retry-after": "3",
    });
    expect(await response.text()).toBe('{"message":"too many"}');
  });

  it("redacts the key if the upstream ever echoes it, in the body or in a forwarded header", async () => {
    const { fetch } = upstream(
      () =>
        new Response(`{"message":"invalid api token ${KEY}"}`, {
          status: 401,
          headers: { "content-type": "application/json", "x-debug-trace-id": KEY },
        }),
    );
    const response = await createCohereProxy({ apiKey: KEY, fetch })(chatRequest({}));
    expect(await response.text()).toBe(`{"message":"invalid api token ${REDACTED}"}`);
    expect(response.headers.get("x-debug-trace-id")).toBe(REDACTED);
  });

  it("streams the body through as it arrives", async () => {
    let push!: (text: string) => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(new TextEncoder().encode(text));
      },
    });
    const { fetch } = upstream(
      () => new Response(body, { headers: { "content-type": "text/event-stream" } }),
    );
    const response = await createCohereProxy({ apiKey: KEY, fetch })(chatRequest({ stream: true }));
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    push("event: message-start\ndata: {}\n\n");
    expect((await reader.read()).value).toBe("event: message-start\ndata: {}\n\n");
  });
});
