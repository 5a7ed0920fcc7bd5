// The handler's behaviour in one self-contained module, bundled and run as is in Node, in edge-runtime (Vercel's
// edge) and in workerd (Cloudflare Workers), so the three can be compared. Nothing here may use Node's APIs.
import { createChatHandler } from "../createChatHandler";

export interface ScenarioResult {
  name: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Body chunks read before the upstream sent its last one (a stream passed through as it arrives). */
  earlyChunks?: number;
  upstreamAborted?: boolean;
}

const encoder = new TextEncoder();
const MODEL = "command-a-03-2025";
const hi = { model: MODEL, messages: [{ role: "user", content: "Hi" }] };

function frame(type: string, rest: Record<string, unknown> = {}): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...rest })}\n\n`;
}

/** A streamed reply that echoes the key, split mid-key across chunks, one chunk per read. */
function echoingStream(key: string, onPull: (n: number) => void): ReadableStream<Uint8Array> {
  const delta = (text: string) =>
    frame("content-delta", { index: 0, delta: { message: { content: { text } } } });
  const text = `${frame("message-start", { id: "r1", delta: { message: { role: "assistant" } } })}${delta(`your key is ${key}`)}${frame("message-end", { delta: { finish_reason: "COMPLETE" } })}`;
  const cut = text.indexOf(key) + 5;
  const chunks = [text.slice(0, cut), text.slice(cut, cut + 10), text.slice(cut + 10)];
  let n = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull(n);
      const chunk = chunks[n++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
  });
}

async function answer(
  name: string,
  response: Response,
  extra: Partial<ScenarioResult> = {},
): Promise<ScenarioResult> {
  return {
    name,
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
    ...extra,
  };
}

function post(body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Request {
  return new Request("https://app.example/api/v2/chat", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

export async function runScenarios(key: string): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  let upstreamSignal: AbortSignal | undefined;
  let pulls = -1;
  const handler = createChatHandler({
    apiKey: key,
    models: [MODEL],
    maxBodyBytes: 4096,
    log: () => {},
    fetch: async (_url, init) => {
      upstreamSignal = init.signal ?? undefined;
      const body = JSON.parse(String(init.body)) as {
        stream?: boolean;
        messages: Array<{ content: string }>;
      };
      const said = body.messages[0]?.content;
      if (said === "error")
        return new Response(JSON.stringify({ message: `invalid api token ${key}` }), {
          status: 401,
          headers: { "content-type": "application/json", "x-debug-trace-id": key, "set-cookie": `k=${key}` },
        });
      if (said === "hang")
        return new Response(new ReadableStream(), { headers: { "content-type": "text/event-stream" } });
      return new Response(
        echoingStream(key, (n) => (pulls = n)),
        { headers: { "content-type": "text/event-stream", "x-debug-trace-id": "trace-1" } },
      );
    },
  });

  // A stream passes through as it arrives, with the key redacted even when split across chunks.
  const streamed = await handler(post({ ...hi, stream: true }));
  const reader = streamed.body!.getReader();
  const decoder = new TextDecoder();
  let body = "";
  let earlyChunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (pulls < 2) earlyChunks++;
    body += decoder.decode(value, { stream: true });
  }
  results.push({
    name: "stream",
    status: streamed.status,
    headers: Object.fromEntries(streamed.headers),
    body,
    earlyChunks,
  });

  results.push(
    await answer(
      "upstream error",
      await handler(post({ ...hi, messages: [{ role: "user", content: "error" }] })),
    ),
  );
  results.push(await answer("GET", await handler(new Request("https://app.example/api/v2/chat"))));
  results.push(await answer("bad origin", await handler(post(hi, { origin: "not a url" }))));
  results.push(await answer("other origin", await handler(post(hi, { origin: "https://evil.example" }))));
  results.push(await answer("text/plain", await handler(post(hi, { "content-type": "text/plain" }))));
  results.push(await answer("model", await handler(post({ ...hi, model: "command-x" }))));
  results.push(
    await answer(
      "too large",
      await handler(post({ ...hi, messages: [{ role: "user", content: "x".repeat(5000) }] })),
    ),
  );
  results.push(await answer("deep", await handler(post("[".repeat(1000)))));

  // A browser that leaves aborts the upstream request.
  const browser = new AbortController();
  const hanging = await handler(
    post({ ...hi, stream: true, messages: [{ role: "user", content: "hang" }] }, {}, browser.signal),
  );
  browser.abort();
  await new Promise((resolve) => setTimeout(resolve, 10));
  results.push({
    name: "abort",
    status: hanging.status,
    headers: {},
    body: "",
    upstreamAborted: upstreamSignal?.aborted === true,
  });
  upstreamSignal = undefined;

  // So does a runtime that cancels the answer (its client went away).
  const cancelled = await handler(
    post({ ...hi, stream: true, messages: [{ role: "user", content: "hang" }] }),
  );
  await cancelled.body!.cancel();
  results.push({
    name: "cancel",
    status: cancelled.status,
    headers: {},
    body: "",
    upstreamAborted: (upstreamSignal as AbortSignal | undefined)?.aborted === true,
  });
  return results;
}
