import { afterEach, describe, expect, it, vi } from "vitest";
import { createChatHandler } from "./createChatHandler";
import { expectStreamedThrough } from "./test/expectStreamedThrough";
import {
  abortedWithin,
  chatReply,
  chatRequest,
  controlledStream,
  eventStream,
  fakeUpstream,
  replyFrames,
} from "./test/fakeUpstream";
import { KEY } from "./test/secrets";
import { collectLog, readAnswer, recordHeaders } from "./test/transcript";

afterEach(() => {
  vi.unstubAllEnvs();
});

const MODEL = "command-a-03-2025";
const hi = { model: MODEL, messages: [{ role: "user", content: "Hi" }] };

describe("createChatHandler: forwarding", () => {
  it("sends the body to the upstream's /v2/chat with the key added and nothing of the browser's credentials", async () => {
    const upstream = fakeUpstream();
    const handler = createChatHandler({ apiKey: KEY, fetch: upstream.fetch });
    const answer = await readAnswer(
      await handler(
        chatRequest(
          { ...hi, stream: false },
          {
            headers: {
              authorization: "Bearer from-the-browser",
              cookie: "session=abc",
              "x-api-key": "browser-key",
              "proxy-authorization": "Basic eA==",
              origin: "https://app.example",
            },
          },
        ),
      ),
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).message.content[0].text).toBe("Hello!");
    expect(upstream.calls).toHaveLength(1);
    const call = upstream.calls[0]!;
    expect(call.url).toBe("https://api.cohere.com/v2/chat");
    expect(call.headers).toEqual({ "content-type": "application/json", authorization: `Bearer ${KEY}` });
    expect(call.body).toEqual({ ...hi, stream: false });
  });

  it("joins /v2/chat onto a base URL with a path, with or without a trailing slash or /v2", async () => {
    const bases = ["/cohere", "/cohere/", "/cohere/v2", "/cohere/v2/"].map(
      (path) => `http://127.0.0.1:9${path}`,
    );
    for (const baseUrl of bases) {
      const upstream = fakeUpstream();
      await readAnswer(
        await createChatHandler({ apiKey: KEY, baseUrl, fetch: upstream.fetch })(chatRequest()),
      );
      expect(upstream.calls[0]!.url).toBe("http://127.0.0.1:9/cohere/v2/chat");
    }
  });

  it("calls a key function for every request and sends the key it returns", async () => {
    const upstream = fakeUpstream();
    let turn = 0;
    const handler = createChatHandler({ apiKey: async () => `${KEY}-${++turn}`, fetch: upstream.fetch });
    await readAnswer(await handler(chatRequest()));
    await readAnswer(await handler(chatRequest()));
    expect(upstream.calls.map((call) => call.headers.authorization)).toEqual([
      `Bearer ${KEY}-1`,
      `Bearer ${KEY}-2`,
    ]);
  });

  it("takes CO_API_KEY from the environment when no key is given", async () => {
    vi.stubEnv("CO_API_KEY", ` ${KEY} `);
    const upstream = fakeUpstream();
    await readAnswer(await createChatHandler({ fetch: upstream.fetch })(chatRequest()));
    expect(upstream.calls[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("sends clientName as X-Client-Name", async () => {
    const upstream = fakeUpstream();
    await readAnswer(
      await createChatHandler({ apiKey: KEY, clientName: "my-app", fetch: upstream.fetch })(chatRequest()),
    );
    expect(upstream.calls[0]!.headers["x-client-name"]).toBe("my-app");
  });

  it("streams each chunk through as it arrives, before the upstream sends the next", async () => {
    const stream = controlledStream();
    const handler = createChatHandler({
      apiKey: KEY,
      fetch: fakeUpstream(() => eventStream(stream.body)).fetch,
    });
    const response = await handler(chatRequest({ ...hi, stream: true }));
    recordHeaders(response);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    await expectStreamedThrough(response, stream);
  });

  it("keeps an upstream error's status, retry-after, trace id and JSON body, and drops its other headers", async () => {
    const upstream = fakeUpstream(
      () =>
        new Response('{"message":"too many requests"}', {
          status: 429,
          headers: {
            "content-type": "application/json",
            "retry-after": "7",
            "x-debug-trace-id": "trace-429",
            "set-cookie": "upstream=1",
            "x-envoy-upstream-service-time": "12",
          },
        }),
    );
    const answer = await readAnswer(
      await createChatHandler({ apiKey: KEY, fetch: upstream.fetch })(chatRequest()),
    );
    expect(answer.status).toBe(429);
    expect(answer.headers).toEqual({
      "content-type": "application/json",
      "retry-after": "7",
      "x-debug-trace-id": "trace-429",
      "x-content-type-options": "nosniff",
    });
    expect(answer.text).toBe('{"message":"too many requests"}');
  });

  it("answers 502 with the reason, and logs one line, when the upstream cannot be reached", async () => {
    const { lines, log } = collectLog();
    const handler = createChatHandler({
      apiKey: KEY,
      log,
      fetch: async () => {
        throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
      },
    });
    const answer = await readAnswer(await handler(chatRequest()));
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.text)).toEqual({
      message: "could not reach the upstream: fetch failed: connect ECONNREFUSED 127.0.0.1:9",
    });
    expect(lines).toEqual([
      "@parley/server: could not reach the upstream: fetch failed: connect ECONNREFUSED 127.0.0.1:9",
    ]);
  });
});

describe("createChatHandler: a browser that leaves", () => {
  it("aborts the upstream request within a second when the browser's request is aborted", async () => {
    const stream = controlledStream();
    const upstream = fakeUpstream(() => eventStream(stream.body));
    const browser = new AbortController();
    const response = await createChatHandler({ apiKey: KEY, fetch: upstream.fetch })(
      chatRequest({ ...hi, stream: true }, { signal: browser.signal }),
    );
    recordHeaders(response);
    stream.push(replyFrames(["Hi"])[0]!);
    browser.abort();
    await abortedWithin(upstream.calls[0]!.signal, 1000);
  });

  it("aborts the upstream request when the answer's reader cancels it (a runtime whose client went away)", async () => {
    const stream = controlledStream();
    const upstream = fakeUpstream(() => eventStream(stream.body));
    const response = await createChatHandler({ apiKey: KEY, fetch: upstream.fetch })(
      chatRequest({ ...hi, stream: true }),
    );
    recordHeaders(response);
    await response.body!.cancel();
    await abortedWithin(upstream.calls[0]!.signal, 1000);
    await stream.cancelled;
  });
});

describe("createChatHandler: refusals", () => {
  it("answers every method but POST with 405 and Allow: POST, sending nothing upstream", async () => {
    const upstream = fakeUpstream();
    const handler = createChatHandler({ apiKey: KEY, fetch: upstream.fetch });
    for (const method of ["GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const answer = await readAnswer(await handler(chatRequest(hi, { method })));
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow).toBe("POST");
      if (method !== "HEAD")
        expect(JSON.parse(answer.text).message).toBe(`${method} is not allowed on this endpoint; use POST`);
    }
    expect(upstream.calls).toHaveLength(0);
  });

  it("refuses a page of another origin (host, port or scheme) with 403 and serves its own, listed ones and no Origin", async () => {
    const upstream = fakeUpstream();
    const handler = createChatHandler({
      apiKey: KEY,
      allowedOrigins: ["https://admin.example:8443"],
      fetch: upstream.fetch,
    });
    const status = async (origin?: string) =>
      (await readAnswer(await handler(chatRequest(hi, { headers: origin === undefined ? {} : { origin } }))))
        .status;
    expect(await status("https://evil.example")).toBe(403);
    expect(await status("https://app.example:444")).toBe(403);
    expect(await status("http://app.example")).toBe(403);
    expect(await status("https://admin.example")).toBe(403);
    expect(await status("https://app.example")).toBe(200);
    expect(await status("https://app.example:443")).toBe(403); // not how a browser writes it
    expect(await status("https://admin.example:8443")).toBe(200);
    expect(await status(undefined)).toBe(200);
    expect(upstream.calls).toHaveLength(3);
  });

  it("refuses a malformed Origin (not a URL, null, a path) with 403 and never throws", async () => {
    const upstream = fakeUpstream();
    const handler = createChatHandler({ apiKey: KEY, fetch: upstream.fetch });
    for (const origin of ["not a url", "null", "https://app.example/path", "file:///etc", "https://"]) {
      const answer = await readAnswer(await handler(chatRequest(hi, { headers: { origin } })));
      expect(answer.status, origin).toBe(403);
      expect(JSON.parse(answer.text).message).toBe(
        `the Origin header is not an origin: ${JSON.stringify(origin)}`,
      );
    }
    const other = await readAnswer(
      await handler(chatRequest(hi, { headers: { origin: "https://evil.example" } })),
    );
    expect(JSON.parse(other.text).message).toBe(
      "this endpoint answers only its own pages and allowed origins, not https://evil.example",
    );
    expect(upstream.calls).toHaveLength(0);
  });

  it("takes the body only as content-type application/json (415 otherwise)", async () => {
    const upstream = fakeUpstream();
    const handler = createChatHandler({ apiKey: KEY, fetch: upstream.fetch });
    for (const type of [
      "text/plain",
      "application/jsonp",
      "application/json-patch+json",
      "application/x-www-form-urlencoded",
      "application/json; charset=latin1",
    ]) {
      const answer = await readAnswer(await handler(chatRequest(hi, { headers: { "content-type": type } })));
      expect(answer.status, type).toBe(415);
      expect(JSON.parse(answer.text).message).toBe("the body must be sent as content-type application/json");
    }
    const none = new Request("https://app.example/api/v2/chat", {
      method: "POST",
      body: new Blob([JSON.stringify(hi)]),
    });
    expect((await readAnswer(await handler(none))).status).toBe(415);
    for (const type of ["application/json; charset=utf-8", "Application/JSON;charset=UTF-8"]) {
      expect(
        (await readAnswer(await handler(chatRequest(hi, { headers: { "content-type": type } })))).status,
      ).toBe(200);
    }
    expect(upstream.calls).toHaveLength(2);
  });

  it("answers 413 past maxBodyBytes, declared or not, without reading on", async () => {
    const upstream = fakeUpstream();
    const handler = createChatHandler({ apiKey: KEY, maxBodyBytes: 1000, fetch: upstream.fetch });
    const declared = await readAnswer(
      await handler(chatRequest({ ...hi, messages: [{ role: "user", content: "x".repeat(1000) }] })),
    );
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.text)).toEqual({ message: "the body is larger than 1000 bytes" });

    // An endless upload with no length: the handler stops after the chunk that passes the limit.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(400).fill(0x20));
      },
    });
    const request = new Request("https://app.example/api/v2/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    expect((await readAnswer(await handler(request))).status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(5);
    expect(upstream.calls).toHaveLength(0);
  });

  it("answers 400 to a body that is not JSON, not UTF-8, or nested too deep", async () => {
    const upstream = fakeUpstream();
    const handler = createChatHandler({ apiKey: KEY, fetch: upstream.fetch });
    const message = async (body: BodyInit) => {
      const answer = await readAnswer(
        await handler(
          new Request("https://app.example/v2/chat", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body,
          }),
        ),
      );
      expect(answer.status).toBe(400);
      return JSON.parse(answer.text).message;
    };
    expect(await message("{model:")).toBe("invalid request: the body is not valid JSON");
    expect(await message("")).toBe("invalid request: the body is not valid JSON");
    expect(await message(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toBe(
      "invalid request: the body is not UTF-8",
    );
    expect(await message("[".repeat(100_000))).toBe("invalid request: the body nests deeper than 128 levels");
    const deepInside = JSON.stringify({
      ...hi,
      tools: [{ type: "function", function: { name: "f", parameters: {} } }],
    }).replace('"parameters":{}', `"parameters":${'{"a":'.repeat(200)}1${"}".repeat(200)}`);
    expect(await message(deepInside)).toBe("invalid request: the body nests deeper than 128 levels");
    // Brackets inside strings are text, not nesting.
    const brackets = await handler(
      chatRequest({ ...hi, messages: [{ role: "user", content: "[{".repeat(500) }] }),
    );
    expect((await readAnswer(brackets)).status).toBe(200);
    expect(upstream.calls).toHaveLength(1);
  });

  it("answers 400 with the path of the mistake to a body that is not a valid chat request", async () => {
    const upstream = fakeUpstream();
    const handler = createChatHandler({ apiKey: KEY, fetch: upstream.fetch });
    const message = async (body: unknown) => {
      const answer = await readAnswer(await handler(chatRequest(body)));
      expect(answer.status).toBe(400);
      return JSON.parse(answer.text).message;
    };
    expect(await message({ model: MODEL, messages: [{ role: "robot", content: "Hi" }] })).toBe(
      'invalid request: messages[0].role: must be system, user, assistant or tool, not "robot"',
    );
    expect(await message({ messages: [] })).toBe("invalid request: model: must be a non-empty string");
    expect(await message(null)).toBe("invalid request: request: must be an object");
    expect(await message({ ...hi, temperature: 3 })).toBe(
      "invalid request: temperature: must be a number from 0 to 1, not 3",
    );
    expect(upstream.calls).toHaveLength(0);
  });

  it("refuses a model off the allow-list with 400 naming it, and sends nothing upstream", async () => {
    const upstream = fakeUpstream();
    const handler = createChatHandler({ apiKey: KEY, models: [MODEL, "command-r7b"], fetch: upstream.fetch });
    const refused = await readAnswer(await handler(chatRequest({ ...hi, model: "command-a-reasoning" })));
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toEqual({
      message:
        'invalid request: model "command-a-reasoning" is not served here; use one of command-a-03-2025, command-r7b',
    });
    expect(upstream.calls).toHaveLength(0);
    expect((await readAnswer(await handler(chatRequest({ ...hi, model: "command-r7b" })))).status).toBe(200);
    expect(upstream.calls).toHaveLength(1);
  });

  it("caps max_tokens: above the cap is refused naming it, none is sent as the cap, at or below passes as is", async () => {
    const upstream = fakeUpstream();
    const handler = createChatHandler({ apiKey: KEY, maxTokens: 500, fetch: upstream.fetch });
    const above = await readAnswer(await handler(chatRequest({ ...hi, max_tokens: 501 })));
    expect(above.status).toBe(400);
    expect(JSON.parse(above.text).message).toBe(
      "invalid request: max_tokens 501 is above this server's cap of 500",
    );
    const odd = await readAnswer(await handler(chatRequest({ ...hi, max_tokens: "lots" })));
    expect(JSON.parse(odd.text).message).toBe(
      'invalid request: max_tokens must be a positive integer, not "lots"',
    );
    expect(upstream.calls).toHaveLength(0);

    await readAnswer(await handler(chatRequest(hi)));
    await readAnswer(await handler(chatRequest({ ...hi, max_tokens: 500 })));
    await readAnswer(await handler(chatRequest({ ...hi, max_tokens: 20 })));
    expect(upstream.calls.map((call) => (call.body as { max_tokens: number }).max_tokens)).toEqual([
      500, 500, 20,
    ]);
  });
});

describe("createChatHandler: onRequest", () => {
  it("sees the request (your cookies, your auth) and the checked body, and may answer itself", async () => {
    const upstream = fakeUpstream();
    const seen: Array<{ cookie: string | null; model: string; max_tokens: unknown }> = [];
    const handler = createChatHandler({
      apiKey: KEY,
      maxTokens: 300,
      fetch: upstream.fetch,
      onRequest(request, body) {
        seen.push({ cookie: request.headers.get("cookie"), model: body.model, max_tokens: body.max_tokens });
        if (request.headers.get("cookie") !== "session=ok")
          return Response.json(
            { message: "sign in first" },
            { status: 401, headers: { "www-authenticate": "Session", "set-cookie": "next=/chat" } },
          );
        return undefined;
      },
    });
    const refused = await readAnswer(await handler(chatRequest(hi)));
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text)).toEqual({ message: "sign in first" });
    expect(refused.headers["www-authenticate"]).toBe("Session");
    expect(refused.headers["set-cookie"]).toBe("next=/chat");
    expect(upstream.calls).toHaveLength(0);
    expect(
      (await readAnswer(await handler(chatRequest(hi, { headers: { cookie: "session=ok" } })))).status,
    ).toBe(200);
    expect(upstream.calls).toHaveLength(1);
    expect(seen).toEqual([
      { cookie: null, model: MODEL, max_tokens: 300 },
      { cookie: "session=ok", model: MODEL, max_tokens: 300 },
    ]);
  });

  it("may rewrite the body that goes upstream", async () => {
    const upstream = fakeUpstream();
    const handler = createChatHandler({
      apiKey: KEY,
      fetch: upstream.fetch,
      onRequest: async (_request, body) => ({
        ...body,
        messages: [{ role: "system", content: "Be brief." }, ...body.messages],
      }),
    });
    await readAnswer(await handler(chatRequest(hi)));
    expect(upstream.calls[0]!.body).toEqual({
      ...hi,
      messages: [{ role: "system", content: "Be brief." }, ...hi.messages],
    });
  });

  it("answers 500 and logs one line when the hook or the key function fails", async () => {
    const { lines, log } = collectLog();
    const upstream = fakeUpstream();
    const hook = createChatHandler({
      apiKey: KEY,
      log,
      fetch: upstream.fetch,
      onRequest() {
        throw new Error(`rate store down (token ${KEY})`);
      },
    });
    const answer = await readAnswer(await hook(chatRequest(hi)));
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.text)).toEqual({ message: "the server failed to check this request" });
    const keyless = createChatHandler({
      apiKey: () => {
        throw new Error(`vault refused ${KEY}`);
      },
      log,
      fetch: upstream.fetch,
    });
    expect((await readAnswer(await keyless(chatRequest(hi)))).status).toBe(500);
    const blank = createChatHandler({ apiKey: () => " ", log, fetch: upstream.fetch });
    expect((await readAnswer(await blank(chatRequest(hi)))).status).toBe(500);
    expect(lines).toEqual([
      "@parley/server: onRequest failed: rate store down (token [redacted])",
      "@parley/server: the apiKey function failed (Error; its message is not logged, as it may hold the key)",
      "@parley/server: the apiKey function returned no key",
    ]);
    expect(upstream.calls).toHaveLength(0);
  });
});

describe("createChatHandler: options", () => {
  it("refuses to start without a key, naming both ways to give one", () => {
    vi.stubEnv("CO_API_KEY", "");
    expect(() => createChatHandler()).toThrow(
      "createChatHandler: no API key. Pass `apiKey` (a string, or a function returning one) or set CO_API_KEY in the server's environment.",
    );
    expect(() => createChatHandler({ apiKey: "  " })).toThrow("no API key");
  });

  it("says the runtime refused to read CO_API_KEY (Deno without --allow-env), not that there is no key", () => {
    vi.stubEnv("CO_API_KEY", undefined);
    vi.stubGlobal("Deno", {
      env: {
        get: () => {
          throw new Error('Requires env access to "CO_API_KEY", run again with the --allow-env flag');
        },
      },
    });
    try {
      expect(() => createChatHandler()).toThrow(
        'createChatHandler: CO_API_KEY could not be read: the runtime refused (Requires env access to "CO_API_KEY", run again with the --allow-env flag). In Deno, run with --allow-env=CO_API_KEY, or pass `apiKey`.',
      );
      expect(() => createChatHandler({ apiKey: KEY })).not.toThrow();
    } finally {
      vi.unstubAllGlobals();
      vi.unstubAllEnvs();
    }
  });

  it("refuses options that make no sense, saying which", () => {
    const make = (options: Parameters<typeof createChatHandler>[0]) => () =>
      createChatHandler({ apiKey: KEY, ...options });
    expect(make({ maxTokens: 0 })).toThrow("createChatHandler: maxTokens must be a positive integer, not 0");
    expect(make({ maxBodyBytes: 1.5 })).toThrow(
      "createChatHandler: maxBodyBytes must be a positive integer, not 1.5",
    );
    expect(make({ models: [] })).toThrow("createChatHandler: models must list at least one model id");
    expect(make({ baseUrl: "api.cohere.com" })).toThrow(
      'createChatHandler: baseUrl must be an absolute URL, not "api.cohere.com"',
    );
    expect(make({ baseUrl: "ftp://x" })).toThrow('createChatHandler: baseUrl must be http(s), not "ftp://x"');
    expect(make({ allowedOrigins: ["admin.example"] })).toThrow(
      'createChatHandler: allowedOrigins[0] must be an http(s) origin such as "https://app.example.com", not "admin.example"',
    );
  });

  it("answers a non-streamed reply as the upstream sent it", async () => {
    const upstream = fakeUpstream(() => chatReply("Bonjour"));
    const answer = await readAnswer(
      await createChatHandler({ apiKey: KEY, fetch: upstream.fetch })(chatRequest(hi)),
    );
    expect(answer.headers["x-debug-trace-id"]).toBe("trace-1");
    expect(JSON.parse(answer.text).message.content[0].text).toBe("Bonjour");
  });
});
