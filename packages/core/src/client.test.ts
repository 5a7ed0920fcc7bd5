import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatStream } from "./chatStream";
import { ClientV2 } from "./client";
import {
  ApiError,
  BadRequestError,
  ConnectionError,
  InternalServerError,
  InvalidResponseError,
  ParleyError,
  TimeoutError,
  UnauthorizedError,
  ValidationError,
} from "./errors";
import { fakeFetch, jsonResponse, sseFrames, sseResponse } from "./test/fakeFetch";
import type { ChatRequest, ChatResponse } from "./types";

const reply: ChatResponse = {
  id: "c14c80c3-18eb-4519-9460-6c92edd8cfb4",
  finish_reason: "COMPLETE",
  message: { role: "assistant", content: [{ type: "text", text: "Designing Perfect APIs" }] },
  usage: {
    billed_units: { input_tokens: 17, output_tokens: 4 },
    tokens: { input_tokens: 215, output_tokens: 4 },
  },
};

const hello: ChatRequest = { model: "command-a-03-2025", messages: [{ role: "user", content: "Hello" }] };

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe("the docs' examples run as written", () => {
  // The docs' sample reply carries the legacy `meta` block where real replies carry `usage`.
  const docsReply = {
    id: "c14c80c3-18eb-4519-9460-6c92edd8cfb4",
    message: { role: "assistant", content: [{ type: "text", text: "Designing Perfect APIs" }] },
    finish_reason: "COMPLETE",
    meta: {
      api_version: { version: "2", is_experimental: true },
      warnings: [
        "You are using an experimental version, for more information please refer to https://docs.cohere.com",
      ],
      billed_units: { input_tokens: 17, output_tokens: 12 },
      tokens: { input_tokens: 215, output_tokens: 12 },
    },
  };

  function stubNetwork() {
    const fetch = fakeFetch(jsonResponse(docsReply));
    vi.stubGlobal("fetch", fetch);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    return { fetch, log };
  }

  it("one user turn", async () => {
    const { fetch, log } = stubNetwork();
    const co = new ClientV2({ apiKey: "<YOUR API KEY>" });
    const res = await co.chat({
      model: "command-a-03-2025",
      messages: [
        {
          role: "user",
          content: "Write a title for a blog post about API design. Only output the title text.",
        },
      ],
    });
    console.log(res.message.content?.[0]?.text);

    expect(log).toHaveBeenCalledWith("Designing Perfect APIs");
    expect(fetch.calls[0]?.url).toBe("https://api.cohere.com/v2/chat");
    expect(fetch.calls[0]?.init.headers.authorization).toBe("Bearer <YOUR API KEY>");
    expect(fetch.calls[0]?.body).toEqual({
      model: "command-a-03-2025",
      messages: [
        {
          role: "user",
          content: "Write a title for a blog post about API design. Only output the title text.",
        },
      ],
      stream: false,
    });
  });

  it("a system message and a user turn", async () => {
    const { fetch, log } = stubNetwork();
    const co = new ClientV2({ apiKey: "<YOUR API KEY>" });
    const res = await co.chat({
      model: "command-a-03-2025",
      messages: [
        { role: "system", content: "You respond concisely, in about 5 words or less" },
        {
          role: "user",
          content: "Write a title for a blog post about API design. Only output the title text.",
        },
      ],
    });
    console.log(res.message.content?.[0]?.text);

    expect(log).toHaveBeenCalledWith("Designing Perfect APIs");
    expect(fetch.calls[0]?.body.messages).toHaveLength(2);
  });

  it("a system message and four turns, with the reply's meta parsed and typed", async () => {
    const { fetch, log } = stubNetwork();
    // The issue's copy of the docs' example, character for character.
    const co = new ClientV2({ apiKey: "<YOUR API KEY>" });
    // biome-ignore format: kept exactly as the docs print it
    const res = await co.chat({ model: "command-a-03-2025", messages: [
      { role: "system", content: "You respond concisely, in about 5 words or less" },
      { role: "user", content: "Write a title for a blog post about API design. Only output the title text." },
      { role: "assistant", content: "Designing Perfect APIs" },
      { role: "user", content: "Another one about generative AI." } ] });
    // biome-ignore format: kept exactly as the docs print it
    console.log(res.message.content?.[0]?.text); // in JavaScript: res.message.content[0].text

    expect(log).toHaveBeenCalledWith("Designing Perfect APIs");
    expect(fetch.calls[0]?.body.messages).toHaveLength(4);
    const billed: number | undefined = res.meta?.billed_units?.output_tokens;
    const experimental: boolean | undefined = res.meta?.api_version?.is_experimental;
    expect([billed, experimental, res.meta?.warnings?.length, res.usage]).toEqual([12, true, 1, undefined]);
  });
});

describe("requests", () => {
  it("calls fetch with a string URL and a plain init: method, headers, JSON body, signal", async () => {
    const fetch = fakeFetch(jsonResponse(reply));
    await new ClientV2({ apiKey: "k", fetch }).chat(hello);
    const { url, init } = fetch.calls[0]!;
    expect(typeof url).toBe("string");
    expect(Object.getPrototypeOf(init)).toBe(Object.prototype);
    expect(Object.keys(init).sort()).toEqual(["body", "headers", "method", "signal"]);
    expect(init.method).toBe("POST");
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(Object.getPrototypeOf(init.headers)).toBe(Object.prototype);
    // No accept header: the server picks JSON or an event stream from the body's `stream` field.
    expect(init.headers).toEqual({ "content-type": "application/json", authorization: "Bearer k" });
    expect(JSON.parse(init.body)).toEqual({ ...hello, stream: false });
  });

  it("sends stream: true from chatStream() and stream: false from chat(), whatever the request said", async () => {
    const fetch = fakeFetch(sseResponse([sseFrames([])]));
    await new ClientV2({ apiKey: "k", fetch }).chatStream({ ...hello, stream: false });
    expect(fetch.calls[0]?.body.stream).toBe(true);
    const json = fakeFetch(jsonResponse(reply));
    await new ClientV2({ apiKey: "k", fetch: json }).chat({ ...hello, stream: true });
    expect(json.calls[0]?.body.stream).toBe(false);
  });

  it.each([
    [undefined, "https://api.cohere.com/v2/chat"],
    ["https://api.cohere.com/", "https://api.cohere.com/v2/chat"],
    ["https://gw.example.com/cohere", "https://gw.example.com/cohere/v2/chat"],
    ["https://gw.example.com/cohere//", "https://gw.example.com/cohere/v2/chat"],
    ["http://127.0.0.1:8787", "http://127.0.0.1:8787/v2/chat"],
    ["/api", "/api/v2/chat"],
    ["/", "/v2/chat"],
    ["", "/v2/chat"],
    ["https://api.cohere.com/v2", "https://api.cohere.com/v2/chat"],
    ["https://gw.example.com/cohere/v2/", "https://gw.example.com/cohere/v2/chat"],
    ["HTTPS://API.COHERE.COM", "HTTPS://API.COHERE.COM/v2/chat"],
  ])("joins /v2/chat onto baseUrl %s", async (baseUrl, expected) => {
    const fetch = fakeFetch(jsonResponse(reply));
    await new ClientV2({ apiKey: "k", fetch, baseUrl }).chat(hello);
    expect(fetch.calls[0]?.url).toBe(expected);
  });

  it.each(["127.0.0.1:8787", "localhost:8787", "api.cohere.com", "ftp://example.com", "http://", " "])(
    "refuses baseUrl %j when it is made, naming the option, instead of failing each call as a connection error",
    (baseUrl) => {
      const make = () => new ClientV2({ apiKey: "k", fetch: fakeFetch(), baseUrl });
      expect(make).toThrow(ValidationError);
      expect(make).toThrow(`baseUrl: must be an http(s) URL or a path like /api: ${baseUrl}`);
    },
  );

  it("merges client and call headers case-insensitively, sends X-Client-Name, and removes a header set to null", async () => {
    const fetch = fakeFetch(jsonResponse(reply));
    const client = new ClientV2({
      apiKey: "k",
      fetch,
      clientName: "my-app",
      headers: { "X-Team": "search", Accept: "*/*", "X-Trace": "client" },
    });
    await client.chat(hello, { headers: { "x-trace": "call", "X-Team": null } });
    expect(fetch.calls[0]?.init.headers).toEqual({
      "content-type": "application/json",
      accept: "*/*",
      authorization: "Bearer k",
      "x-client-name": "my-app",
      "x-trace": "call",
    });
  });

  it("returns the reply as the server sent it, unknown fields included", async () => {
    const sent = { ...reply, future_field: { nested: [1, 2] }, finish_reason: "SOMETHING_NEW" };
    const res = await new ClientV2({ apiKey: "k", fetch: fakeFetch(jsonResponse(sent)) }).chat(hello);
    expect(res).toEqual(sent);
  });
});

describe("the API key", () => {
  it("calls a key function, sync or async, for every request", async () => {
    const keys = ["one", "two"];
    const fetch = fakeFetch(jsonResponse(reply), jsonResponse(reply), jsonResponse(reply));
    const asyncKey = vi.fn(async () => keys.shift() ?? "none");
    const client = new ClientV2({ apiKey: asyncKey, fetch });
    await client.chat(hello);
    await client.chat(hello);
    await new ClientV2({ apiKey: () => "sync", fetch }).chat(hello);
    expect(fetch.calls.map((call) => call.init.headers.authorization)).toEqual([
      "Bearer one",
      "Bearer two",
      "Bearer sync",
    ]);
  });

  it('sends no Authorization header for "" (a proxy adds its own)', async () => {
    const fetch = fakeFetch(jsonResponse(reply));
    vi.stubEnv("CO_API_KEY", "from-env");
    await new ClientV2({ apiKey: "", fetch }).chat(hello);
    expect(fetch.calls[0]?.init.headers).not.toHaveProperty("authorization");
  });

  it("reads CO_API_KEY from the environment when no key is given, at request time", async () => {
    const fetch = fakeFetch(jsonResponse(reply));
    const client = new ClientV2({ fetch });
    vi.stubEnv("CO_API_KEY", "from-env");
    await client.chat(hello);
    expect(fetch.calls[0]?.init.headers.authorization).toBe("Bearer from-env");
  });

  it("without any key, fails clearly when a request is made and sends nothing", async () => {
    vi.stubEnv("CO_API_KEY", undefined);
    const fetch = fakeFetch(jsonResponse(reply));
    const client = new ClientV2({ fetch });
    const error = await client.chat(hello).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as Error).message).toMatch(/No API key.*CO_API_KEY/);
    await expect(client.chatStream(hello)).rejects.toThrow(/No API key/);
    vi.stubEnv("CO_API_KEY", "");
    await expect(client.chat(hello)).rejects.toThrow(/No API key/);
    expect(fetch.calls).toHaveLength(0);
  });

  it("works without any process global, as in a browser", async () => {
    vi.stubGlobal("process", undefined);
    const fetch = fakeFetch(jsonResponse(reply));
    await expect(new ClientV2({ fetch }).chat(hello)).rejects.toThrow(/No API key/);
    await new ClientV2({ apiKey: "k", fetch: fakeFetch(jsonResponse(reply)) }).chat(hello);
  });

  it("reports a key function that throws as a ParleyError, sending nothing", async () => {
    const fetch = fakeFetch(jsonResponse(reply));
    const client = new ClientV2({
      fetch,
      apiKey: () => {
        throw new Error("vault is down");
      },
    });
    const error = (await client.chat(hello).catch((e: unknown) => e)) as ParleyError;
    expect(error).toBeInstanceOf(ParleyError);
    expect((error.cause as Error).message).toBe("vault is down");
    expect(fetch.calls).toHaveLength(0);
  });
});

describe("validation", () => {
  it("refuses a bad request before any network call, naming the path", async () => {
    const fetch = fakeFetch();
    const client = new ClientV2({ apiKey: "k", fetch });
    const bad = {
      model: "command-a-03-2025",
      messages: [
        { role: "user", content: "a" },
        { role: "assistant", content: "b" },
        { role: "tool", content: "c" },
      ],
    } as ChatRequest;
    await expect(client.chat(bad)).rejects.toMatchObject({
      name: "ValidationError",
      path: "messages[2].tool_call_id",
    });
    await expect(client.chatStream(bad)).rejects.toBeInstanceOf(ValidationError);
    expect(fetch.calls).toHaveLength(0);
  });

  it("can be turned off, leaving the verdict to the server", async () => {
    const fetch = fakeFetch(jsonResponse({ message: "invalid request: temperature" }, { status: 400 }));
    const client = new ClientV2({ apiKey: "k", fetch, validate: false });
    await expect(client.chat({ ...hello, temperature: 7 })).rejects.toBeInstanceOf(BadRequestError);
    expect(fetch.calls).toHaveLength(1);
  });
});

describe("errors", () => {
  it("names the status, the server's message and the request id", async () => {
    const fetch = fakeFetch(
      jsonResponse(
        { id: "6f1e", message: "invalid request: temperature must be between 0 and 1.0 inclusive." },
        { status: 400, headers: { "x-debug-trace-id": "8beb14b2bb5467fe35507f6df0b1a435" } },
      ),
    );
    const error = (await new ClientV2({ apiKey: "k", fetch, validate: false })
      .chat(hello)
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.name).toBe("BadRequestError");
    expect(error.message).toBe(
      "400 invalid request: temperature must be between 0 and 1.0 inclusive. (request id 8beb14b2bb5467fe35507f6df0b1a435)",
    );
    expect(error.body).toEqual({ id: "6f1e", message: expect.any(String) });
    expect(error.requestId).toBe("8beb14b2bb5467fe35507f6df0b1a435");
    expect(error.retryable).toBe(false);
  });

  it("keeps a body that is not JSON as text, and says what it was", async () => {
    const html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    const fetch = fakeFetch(
      new Response(html, {
        status: 502,
        statusText: "Bad Gateway",
        headers: { "content-type": "text/html" },
      }),
    );
    const error = (await new ClientV2({ apiKey: "k", fetch, maxRetries: 0 })
      .chat(hello)
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.body, error.retryable]).toEqual([502, html, true]);
    expect(error.message).toContain("502 <html>");
  });

  it("falls back to the status text for an empty or message-less body", async () => {
    const fetch = fakeFetch(
      new Response(null, { status: 500, statusText: "Internal Server Error" }),
      jsonResponse({ detail: "x" }, { status: 401 }),
    );
    const client = new ClientV2({ apiKey: "k", fetch, maxRetries: 0 });
    const empty = (await client.chat(hello).catch((e: unknown) => e)) as ApiError;
    expect(empty).toBeInstanceOf(InternalServerError);
    expect([empty.message, empty.body]).toEqual(["500 Internal Server Error", ""]);
    const noMessage = (await client.chat(hello).catch((e: unknown) => e)) as ApiError;
    expect(noMessage).toBeInstanceOf(UnauthorizedError);
    expect(noMessage.body).toEqual({ detail: "x" });
  });

  it.each([
    ["a body that is not JSON", "<html>oops</html>"],
    ["JSON that is not a chat reply", JSON.stringify({ ok: false, error: "quota" })],
    ["a JSON array", "[]"],
    ["an empty body", ""],
  ])("raises InvalidResponseError for a 2xx with %s, never returning it as data", async (_name, body) => {
    const fetch = fakeFetch(new Response(body, { status: 200, headers: { "x-debug-trace-id": "abc" } }));
    const error = (await new ClientV2({ apiKey: "k", fetch })
      .chat(hello)
      .catch((e: unknown) => e)) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toBeInstanceOf(ParleyError);
    expect([error.status, error.requestId, error.body]).toEqual([200, "abc", body]);
    expect(error.message).toMatch(/^200 is not a chat reply: .*\(request id abc\)$/);
    expect(fetch.calls).toHaveLength(1); // not retried
  });

  it("raises InvalidResponseError when a stream request gets JSON back", async () => {
    const fetch = fakeFetch(jsonResponse({ message: "upstream quota exceeded" }));
    const error = await new ClientV2({ apiKey: "k", fetch }).chatStream(hello).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("upstream quota exceeded");
  });

  it("rejects chatStream() on an HTTP error, before any event", async () => {
    const fetch = fakeFetch(jsonResponse({ message: "invalid api token" }, { status: 401 }));
    await expect(new ClientV2({ apiKey: "k", fetch }).chatStream(hello)).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
  });

  it("raises ConnectionError with what went wrong when fetch fails", async () => {
    const failure = new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:1") });
    const fetch = fakeFetch(failure);
    const error = (await new ClientV2({ apiKey: "k", fetch, maxRetries: 0, baseUrl: "http://127.0.0.1:1" })
      .chat(hello)
      .catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(
      "Could not reach http://127.0.0.1:1/v2/chat: fetch failed (connect ECONNREFUSED 127.0.0.1:1)",
    );
    expect(error.cause).toBe(failure);
  });

  it("raises ConnectionError when a non-streamed body breaks, and retries it", async () => {
    const broken = new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id":'));
          controller.error(new TypeError("terminated"));
        },
      }),
    );
    const fetch = fakeFetch(broken, jsonResponse(reply));
    const client = new ClientV2({ apiKey: "k", fetch });
    vi.useFakeTimers();
    try {
      const pending = client.chat(hello);
      await vi.runAllTimersAsync();
      await expect(pending).resolves.toEqual(reply);
    } finally {
      vi.useRealTimers();
    }
    expect(fetch.calls).toHaveLength(2);
  });
});

describe("the API key never appears in an error", () => {
  const key = "sk-live-0123456789abcdef";

  function expectNoKey(error: unknown) {
    expect(error).toBeInstanceOf(ParleyError);
    const seen = new Set<unknown>();
    const texts: string[] = [];
    // Walk the error, its cause chain and every own property (headers included).
    const visit = (value: unknown): void => {
      if (value === null || typeof value !== "object" || seen.has(value)) {
        texts.push(String(value));
        return;
      }
      seen.add(value);
      if (value instanceof Headers) {
        for (const [name, header] of value) texts.push(`${name}: ${header}`);
        return;
      }
      if (value instanceof Error) texts.push(value.message, String(value.stack));
      for (const name of Object.getOwnPropertyNames(value)) visit((value as Record<string, unknown>)[name]);
      if (value instanceof Error) visit(value.cause);
    };
    visit(error);
    texts.push(JSON.stringify(error));
    expect(texts.join("\n")).not.toContain(key);
  }

  it.each([
    ["401", () => jsonResponse({ message: "invalid api token" }, { status: 401 })],
    ["429", () => jsonResponse({ message: "slow down" }, { status: 429, headers: { "retry-after": "0" } })],
    ["a 2xx that is not a reply", () => new Response("nope")],
  ])("for %s", async (_name, answer) => {
    const client = new ClientV2({ apiKey: key, fetch: fakeFetch(answer(), answer(), answer()) });
    expectNoKey(await client.chat(hello).catch((e: unknown) => e));
  });

  it("even when a custom fetch puts the request into its own error", async () => {
    const fetch = fakeFetch((request) => {
      throw new Error(`cannot send ${JSON.stringify(request.init.headers)}`);
    });
    const error = await new ClientV2({ apiKey: key, fetch, maxRetries: 0 })
      .chat(hello)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expectNoKey(error);
  });

  it("for a missing or failing key, a validation error and an aborted call", async () => {
    const client = new ClientV2({ apiKey: key, fetch: fakeFetch() });
    expectNoKey(await client.chat({ ...hello, temperature: 3 }).catch((e: unknown) => e));
    const controller = new AbortController();
    controller.abort();
    expectNoKey(await client.chat(hello, { signal: controller.signal }).catch((e: unknown) => e));
  });
});

describe("chatStream()", () => {
  it("resolves to a ChatStream once the headers arrive", async () => {
    const events = [
      { id: "r1", type: "message-start", delta: { message: { role: "assistant" } } },
      { type: "content-start", index: 0, delta: { message: { content: { type: "text", text: "" } } } },
      { type: "content-delta", index: 0, delta: { message: { content: { text: "Hi" } } } },
      { type: "content-end", index: 0 },
      { type: "message-end", delta: { finish_reason: "COMPLETE", usage: {} } },
    ];
    const fetch = fakeFetch(sseResponse([sseFrames(events)], { headers: { "x-debug-trace-id": "t1" } }));
    const stream = await new ClientV2({ apiKey: "k", fetch }).chatStream(hello);
    expect(stream).toBeInstanceOf(ChatStream);
    expect(stream.response.headers.get("x-debug-trace-id")).toBe("t1");
    const seen = [];
    for await (const event of stream) seen.push(event);
    expect(seen).toEqual(events);
    expect(await stream.finalResponse()).toEqual({
      id: "r1",
      finish_reason: "COMPLETE",
      message: { role: "assistant", content: [{ type: "text", text: "Hi" }] },
      usage: {},
    });
  });
});

describe("the key and the deadline hold against unusual fetches and key functions", () => {
  it("keeps no error of a fetch that puts the request, headers and all, into what it throws", async () => {
    const key = "sk-live-0123456789abcdef";
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      throw Object.assign(new TypeError("fetch failed"), { options: init, cause: { request: { init } } });
    });
    const error = await new ClientV2({ apiKey: key, fetch, maxRetries: 0 })
      .chat(hello)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    const { inspect } = await import("node:util");
    expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(key);
    expect((error as Error).message).toMatch(/fetch failed/);
  });

  it("ends a call whose key function never answers at its timeout", async () => {
    vi.useFakeTimers();
    const fetch = fakeFetch(jsonResponse(reply));
    const pending = new ClientV2({ apiKey: () => new Promise<string>(() => {}), fetch, timeoutMs: 50 })
      .chat(hello)
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(60);
    vi.useRealTimers();
    expect(await pending).toBeInstanceOf(TimeoutError);
    expect(fetch.calls).toHaveLength(0);
  });
});
