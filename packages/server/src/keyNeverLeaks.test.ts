// The key never comes back: an upstream that echoes it every way it can (headers, bodies, errors, streams cut
// mid-key, escaped, truncated, in a failure's message) and every refusal the handler makes, directly and through
// Node's http. Everything that comes back, and every line logged, is scanned. (Each test file of this package also
// ends with the same scan over everything it read and logged: see test/scanForKey.ts.)
import { describe, expect, it } from "vitest";
import type { UpstreamFetch } from "./chatHandlerOptions";
import { createChatHandler } from "./createChatHandler";
import { chatRequest, fakeUpstream } from "./test/fakeUpstream";
import { listen } from "./test/nodeServer";
import { KEY, tracesIn } from "./test/secrets";
import { collectLog, readAnswer } from "./test/transcript";
import { toNodeHandler } from "./toNodeHandler";

const MODEL = "command-a-03-2025";

/** Ways an upstream can give the key back, one per prompt. */
const echoes: Record<string, (key: string) => Response | never> = {
  header: (key) =>
    Response.json(
      { id: "1", finish_reason: "COMPLETE", message: { role: "assistant", content: [] } },
      {
        headers: {
          "x-debug-trace-id": key,
          "retry-after": key,
          "cache-control": `private, key=${key}`,
          "content-type": `application/json; key=${key}`,
          "set-cookie": `session=${key}`,
          "x-echo-authorization": `Bearer ${key}`,
        },
      },
    ),
  "error body": (key) =>
    new Response(JSON.stringify({ message: `invalid api token: ${key}` }), {
      status: 401,
      headers: { "content-type": "application/json" },
    }),
  "escaped error body": (key) =>
    new Response(JSON.stringify({ message: `bad token "${key}"` }), { status: 400 }),
  "stream split in every chunk": (key) => {
    const text = `event: content-delta\ndata: {"text":"${key}"}\n\n`.repeat(3);
    const encoder = new TextEncoder();
    let at = 0;
    return new Response(
      new ReadableStream({
        pull(controller) {
          if (at >= text.length) return controller.close();
          controller.enqueue(encoder.encode(text.slice(at, at + 3)));
          at += 3;
        },
      }),
      { headers: { "content-type": "text/event-stream" } },
    );
  },
  "stream cut mid-key": (key) =>
    new Response(`event: content-delta\ndata: {"text":"${key.slice(0, -1)}`, {
      headers: { "content-type": "text/event-stream" },
    }),
  "truncated in text": (key) =>
    new Response(`{"message":"token ${key.slice(0, 16)}... is invalid"}`, { status: 401 }),
  "failure message": (key) => {
    throw new TypeError(`fetch failed for Bearer ${key}`, { cause: new Error(`socket hang up (${key})`) });
  },
};

const echoingUpstream: UpstreamFetch = async (_url, init) => {
  const key = String((init.headers as Record<string, string>).authorization).replace("Bearer ", "");
  const prompt = (JSON.parse(String(init.body)) as { messages: Array<{ content: string }> }).messages[0]!
    .content;
  return echoes[prompt]!(key);
};

describe("the key", () => {
  it("never appears in any answer, header or log line, whatever the upstream echoes or the client sends", async () => {
    const { lines, log } = collectLog();
    const seen: string[] = [];
    const handler = createChatHandler({
      apiKey: KEY,
      log,
      models: [MODEL],
      maxTokens: 100,
      maxBodyBytes: 4096,
      fetch: echoingUpstream,
      onRequest: (request) => {
        if (request.headers.get("x-hook") === "answer")
          return new Response(`hook says ${KEY}`, { headers: { "x-debug-trace-id": KEY } });
        if (request.headers.get("x-hook") === "throw") throw new Error(`hook broke near ${KEY}`);
        return undefined;
      },
    });
    const ask = (
      content: string,
      extra: Record<string, unknown> = {},
      headers: Record<string, string> = {},
    ) => chatRequest({ model: MODEL, messages: [{ role: "user", content }], ...extra }, { headers });
    const requests = [
      ...Object.keys(echoes).map((prompt) => ask(prompt)),
      ...Object.keys(echoes).map((prompt) => ask(prompt, { stream: true })),
      ask("x", { model: "other" }),
      ask("x", { max_tokens: 101 }),
      ask("x", {}, { origin: "not a url" }),
      ask("x", {}, { origin: "https://evil.example" }),
      ask("x", {}, { "content-type": "text/plain" }),
      ask("x".repeat(5000)),
      ask("x", {}, { "x-hook": "answer" }),
      ask("x", {}, { "x-hook": "throw" }),
      chatRequest("[".repeat(1000)),
      chatRequest("{not json"),
      chatRequest({}, { method: "GET" }),
    ];
    for (const request of requests) {
      const answer = await readAnswer(await handler(request));
      seen.push(`${answer.status} ${JSON.stringify(answer.headers)} ${answer.text}`);
    }
    // Through Node's http as well: what a real client receives on the wire.
    const server = await listen(toNodeHandler(handler));
    try {
      for (const prompt of Object.keys(echoes)) {
        const response = await fetch(`${server.origin}/v2/chat`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ model: MODEL, stream: true, messages: [{ role: "user", content: prompt }] }),
        });
        const answer = await readAnswer(response);
        seen.push(`${answer.status} ${JSON.stringify(answer.headers)} ${answer.text}`);
      }
    } finally {
      await server.close();
    }
    expect(seen).toHaveLength(requests.length + Object.keys(echoes).length);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(tracesIn([...seen, ...lines].join("\n"))).toEqual([]);
    // What stood for the key is still there: the answers were redacted, not dropped.
    expect(seen.some((line) => line.includes("[redacted]"))).toBe(true);
  });

  it("is what the upstream receives, once, as the bearer token", async () => {
    const upstream = fakeUpstream();
    await readAnswer(await createChatHandler({ apiKey: KEY, fetch: upstream.fetch })(chatRequest()));
    expect(upstream.calls[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });
});
