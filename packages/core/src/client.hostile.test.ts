import { getEventListeners } from "node:events";
import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ClientOptions, ClientV2 } from "./client";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./defaults";
import { ApiError, ParleyError, StreamError, TimeoutError } from "./errors";
import {
  type Handler,
  type HostileServer,
  heapAfterGc,
  pump,
  retainedSince,
  startHostileServer,
  withPeakHeap,
} from "./test/hostileServer";
import type { ChatRequest } from "./types";

// Real servers on 127.0.0.1 that misbehave, and the real fetch of Node. Each test asserts that the client fails
// with a ParleyError, that finalResponse() settles, that the server sees every socket closed, that the caller's
// signal keeps no listener, and where a body is large, that the heap stays bounded.

const KEY = "sk-hostile-0123456789abcdefghijKLMNOP";
const REQUEST: ChatRequest = { model: "command-a-03-2025", messages: [{ role: "user", content: "Hi" }] };
const MiB = 2 ** 20;

let server: HostileServer | undefined;

// One whole stream first, so that what the first request loads (undici, compiled code) is not counted as growth.
beforeAll(async () => {
  const warm = await startHostileServer((_, response) => {
    response.writeHead(200, { "content-type": "text/event-stream", connection: "close" });
    response.end(
      `${START}${delta("warm")}${event({ type: "message-end", delta: { finish_reason: "COMPLETE" } })}`,
    );
  });
  await new ClientV2({ apiKey: KEY, baseUrl: warm.url }).chatStream(REQUEST).then((stream) => stream.text());
  await warm.close();
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler): Promise<HostileServer> {
  server = await startHostileServer(handler);
  return server;
}

function client(options: ClientOptions = {}): ClientV2 {
  return new ClientV2({ apiKey: KEY, baseUrl: server!.url, maxRetries: 0, ...options });
}

/** The failure of `run`, which must fail. */
async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

function sseHead(response: ServerResponse, headers: Record<string, string> = {}): void {
  response.writeHead(200, { "content-type": "text/event-stream", ...headers });
}

const event = (payload: object) =>
  `event: ${(payload as { type: string }).type}\ndata: ${JSON.stringify(payload)}\n\n`;
const START =
  event({ type: "message-start", id: "m1", delta: { message: { role: "assistant" } } }) +
  event({ type: "content-start", index: 0, delta: { message: { content: { type: "text", text: "" } } } });
const delta = (text: string) =>
  event({ type: "content-delta", index: 0, delta: { message: { content: { text } } } });

/** Reads a stream to its failure, the way an app does, and checks finalResponse() settled with the same error. */
async function streamFailure(api: ClientV2, signal?: AbortSignal): Promise<unknown> {
  return failure(async () => {
    const stream = await api.chatStream(REQUEST, { signal });
    const looped = await (async () => {
      for await (const _ of stream);
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    // Not `expect().rejects`: vitest keeps that promise, and with it the error, until the test ends.
    const settled = await stream.finalResponse().then(
      () => undefined,
      (error: unknown) => error,
    );
    if (!ParleyError.isInstance(settled))
      throw new Error("finalResponse() did not reject with a ParleyError");
    if (looped !== settled) throw new Error("the loop and finalResponse() rejected with different errors");
    throw looped;
  });
}

describe("a client facing a hostile server", () => {
  it("stops an endless stream of valid deltas at the default maxResponseBytes, lets the socket go and keeps the heap bounded", async () => {
    // The server would stop by itself at twice the bound: without one, the stream ends incomplete instead.
    const chunk = delta("lorem ipsum dolor sit amet ".repeat(40));
    const s = await serve(async (_, response) => {
      sseHead(response);
      response.write(START);
      await pump(response, chunk, 2 * DEFAULT_MAX_RESPONSE_BYTES);
    });
    const signal = new AbortController().signal;
    const before = heapAfterGc();
    // In a function of its own, so that nothing of the failed stream is still referenced when the heap is measured.
    const peak = await (async () => {
      const { result, peak } = await withPeakHeap(() =>
        streamFailure(new ClientV2({ apiKey: KEY, baseUrl: s.url }), signal),
      );
      expect(result).toBeInstanceOf(StreamError);
      const error = result as StreamError;
      expect(error.kind).toBe("too-large");
      expect(error.message).toMatch(/maxResponseBytes \(33554432 bytes\)/);
      const text = (error.partial?.message.content?.[0] as { text: string } | undefined)?.text ?? "";
      expect(text.length).toBeGreaterThan(DEFAULT_MAX_RESPONSE_BYTES * 0.7);
      return peak;
    })();
    await s.drained();
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
    // At the peak: the reply so far (about a character per byte of text that arrived) and the fragments it is
    // joined from, a few times the bound; an unbounded client grows until the process dies.
    const grown = peak - before;
    expect(grown).toBeLessThan(4 * DEFAULT_MAX_RESPONSE_BYTES);
    const retained = await retainedSince(before, 2 * MiB);
    // Nothing of the stream outlives it (no buffer, listener or timer): what stays is noise, undici's spare socket.
    expect(retained).toBeLessThan(2 * MiB);
    report("endless stream, default bound", { peak: grown, retained });
  });

  it("stops one endless SSE line at maxResponseBytes", async () => {
    const s = await serve(async (_, response) => {
      sseHead(response);
      response.write(
        `${START}data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"`,
      );
      await pump(response, "x".repeat(16_384), 12 * MiB);
    });
    const before = heapAfterGc();
    const { result, peak } = await withPeakHeap(() => streamFailure(client({ maxResponseBytes: 4 * MiB })));
    expect(result).toBeInstanceOf(StreamError);
    expect((result as StreamError).kind).toBe("too-large");
    await s.drained();
    const grown = peak - before;
    expect(grown).toBeLessThan(16 * MiB);
    report("one endless line, 4 MiB bound", { peak: grown, retained: heapAfterGc() - before });
  });

  it("stops a chat() reply past maxResponseBytes with a ParleyError, without retrying it", async () => {
    const s = await serve(async (_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write(
        '{"id":"r1","finish_reason":"COMPLETE","message":{"role":"assistant","content":[{"type":"text","text":"',
      );
      await pump(response, "y".repeat(16_384), 12 * MiB);
    });
    const before = heapAfterGc();
    const { result, peak } = await withPeakHeap(() =>
      failure(() => client({ maxRetries: 2, maxResponseBytes: 4 * MiB }).chat(REQUEST)),
    );
    expect(ParleyError.isInstance(result)).toBe(true);
    expect((result as Error).message).toMatch(/maxResponseBytes \(4194304 bytes\)/);
    expect(s.requests).toBe(1);
    await s.drained();
    expect(peak - before).toBeLessThan(24 * MiB);
    report("chat() reply, 4 MiB bound", { peak: peak - before, retained: heapAfterGc() - before });
  });

  it("keeps the status of an error whose body runs past maxResponseBytes, in chat() and chatStream() alike", async () => {
    const s = await serve(async (_, response) => {
      response.writeHead(503, { "content-type": "text/plain", "x-debug-trace-id": "trace-1" });
      await pump(response, "z".repeat(16_384), 12 * MiB);
    });
    const api = client({ maxResponseBytes: 2 * MiB });
    for (const call of [() => api.chat(REQUEST), () => api.chatStream(REQUEST)]) {
      const error = (await failure(call)) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(503);
      expect(error.requestId).toBe("trace-1");
      expect(error.body).toBe("");
    }
    await s.drained();
  });

  it("quotes the server's message when a 200 event stream carries a JSON error", async () => {
    const s = await serve((_, response) => {
      sseHead(response, { connection: "close" });
      response.end(JSON.stringify({ message: "model overloaded, try later" }));
    });
    const error = (await streamFailure(client())) as StreamError;
    expect(error).toBeInstanceOf(StreamError);
    expect(error.kind).toBe("malformed");
    expect(error.message).toBe("The body was not an event stream: model overloaded, try later");
    await s.drained();
  });

  it("says an HTML page sent as an event stream was not one, quoting its start", async () => {
    const s = await serve((_, response) => {
      sseHead(response, { connection: "close" });
      response.end("<html><body>502 Bad Gateway</body></html>");
    });
    const error = (await streamFailure(client())) as StreamError;
    expect(error.message).toBe(
      'The body was not an event stream: "<html><body>502 Bad Gateway</body></html>"',
    );
    await s.drained();
  });

  it("fails with the partial reply when the connection closes inside a UTF-8 character", async () => {
    const s = await serve((_, response) => {
      sseHead(response);
      const cut = Buffer.from(
        `${delta("déjà vu")}data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"é`,
      );
      response.write(START);
      response.write(cut.subarray(0, cut.length - 1), () => response.socket?.destroy());
    });
    const error = (await streamFailure(client())) as StreamError;
    expect(error).toBeInstanceOf(StreamError);
    expect(error.partial?.message.content).toEqual([{ type: "text", text: "déjà vu" }]);
    await s.drained();
  });

  it("times out on headers that never come and closes the connection", async () => {
    const s = await serve(() => {}); // never answers
    const signal = new AbortController().signal;
    const error = await failure(() => client({ timeoutMs: 300 }).chatStream(REQUEST, { signal }));
    expect(error).toBeInstanceOf(TimeoutError);
    await s.drained();
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("times out on a stream body that stops, and on a chat() body that stops", async () => {
    const s = await serve((_, response) => {
      const streamed = s.requests === 1;
      response.writeHead(200, { "content-type": streamed ? "text/event-stream" : "application/json" });
      response.write(streamed ? START : '{"id":"r1","message":');
    });
    const signal = new AbortController().signal;
    const streamed = await streamFailure(client({ streamIdleTimeoutMs: 300 }), signal);
    expect(streamed).toBeInstanceOf(TimeoutError);
    const called = await failure(() => client({ timeoutMs: 300 }).chat(REQUEST, { signal }));
    expect(called).toBeInstanceOf(TimeoutError);
    await s.drained();
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });
});

describe("a server that echoes the key", () => {
  /** Every way the key could show: the error printed in full, and the fields that keep the server's answer. */
  function expectNoKey(error: unknown): void {
    expect(ParleyError.isInstance(error)).toBe(true);
    const e = error as ApiError & StreamError;
    const printed = [
      inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      String(e.stack),
      JSON.stringify(e.body ?? null),
      JSON.stringify(e.partial ?? null),
      JSON.stringify([...(e.headers ?? [])]),
      String(e.requestId),
    ];
    for (let cause = e.cause as Error | undefined; cause; cause = cause.cause as Error | undefined) {
      printed.push(String(cause.message), String(cause.stack));
    }
    for (const text of printed) expect(text).not.toContain(KEY);
    expect(printed.join("\n")).toContain("***");
  }

  const echoHeaders = { "x-debug-trace-id": KEY, "x-echo": `Bearer ${KEY}`, connection: "close" };

  it("cuts it from an ApiError's message, body, headers and request id", async () => {
    const s = await serve((_, response) => {
      response.writeHead(401, { "content-type": "application/json", ...echoHeaders });
      response.end(JSON.stringify({ message: `invalid api token: ${KEY}`, token: { echoed: [KEY] } }));
    });
    const error = (await failure(() => client().chat(REQUEST))) as ApiError;
    expect(error.status).toBe(401);
    expect(error.message).toBe("401 invalid api token: *** (request id ***)");
    expect(error.body).toEqual({ message: "invalid api token: ***", token: { echoed: ["***"] } });
    expect(error.headers.get("x-echo")).toBe("Bearer ***");
    expectNoKey(error);
    await s.drained();
  });

  it("cuts it when the server escapes it in JSON, and from a text body", async () => {
    const escaped = [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
    const s = await serve((_, response) => {
      if (s.requests === 1) {
        response.writeHead(400, { "content-type": "application/json", connection: "close" });
        response.end(`{"message":"bad key ${escaped}"}`);
      } else {
        response.writeHead(500, { "content-type": "text/plain", connection: "close" });
        response.end(`upstream said: Authorization: Bearer ${KEY}`);
      }
    });
    const escapedError = (await failure(() => client().chat(REQUEST))) as ApiError;
    expect(escapedError.message).toBe("400 bad key ***");
    expectNoKey(escapedError);
    const textError = (await failure(() => client().chat(REQUEST))) as ApiError;
    expect(textError.body).toBe("upstream said: Authorization: Bearer ***");
    expectNoKey(textError);
    await s.drained();
  });

  it("cuts it from an InvalidResponseError, in chat() and chatStream()", async () => {
    const s = await serve((_, response) => {
      response.writeHead(200, { "content-type": "application/json", ...echoHeaders });
      response.end(JSON.stringify({ hello: KEY }));
    });
    expectNoKey(await failure(() => client().chat(REQUEST)));
    expectNoKey(await failure(() => client().chatStream(REQUEST)));
    await s.drained();
  });

  it("cuts it from a StreamError's message and cause (invalid JSON quoting it)", async () => {
    const s = await serve((_, response) => {
      sseHead(response, { connection: "close" });
      response.end(`${START}data: {"type":"content-delta","oops":"${KEY}\n\n`);
    });
    const error = (await streamFailure(client())) as StreamError;
    expect(error.message).toContain("***");
    expect((error.cause as Error).name).toBe("SyntaxError");
    expectNoKey(error);
    await s.drained();
  });

  it("cuts it from a StreamError's partial reply and from a JSON error sent as a stream", async () => {
    const s = await serve((_, response) => {
      sseHead(response, { connection: "close" });
      if (s.requests === 1) response.end(`${START}${delta(`your key is ${KEY}`)}`);
      else response.end(JSON.stringify({ message: `key ${KEY} is revoked` }));
    });
    const incomplete = (await streamFailure(client())) as StreamError;
    expect(incomplete.kind).toBe("incomplete");
    expect(incomplete.partial?.message.content).toEqual([{ type: "text", text: "your key is ***" }]);
    expectNoKey(incomplete);
    const json = (await streamFailure(client())) as StreamError;
    expect(json.message).toBe("The body was not an event stream: key *** is revoked");
    expectNoKey(json);
    await s.drained();
  });
});

/** Figures for the README, printed when VERBOSE is set. */
function report(what: string, figures: { peak: number; retained: number }): void {
  if (process.env.VERBOSE) {
    const mb = (n: number) => `${(n / MiB).toFixed(1)} MiB`;
    console.log(`${what}: peak heap growth ${mb(figures.peak)}, retained after GC ${mb(figures.retained)}`);
  }
}
