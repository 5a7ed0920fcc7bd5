import { decodeEvents } from "@parley/core/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Cassette } from "../cassette/cassette";
import type { JsonValue } from "../json/json";
import { postChat, readChunks, sampleCassette, sse, streamEvents, text } from "../test/sampleCassette";
import { createReplayFetch } from "./replayFetch";

const hi = { model: "m", messages: [{ role: "user", content: "Hi" }] };

/** A cassette of one recorded chat request with this body, answered with the sample's plain reply. */
const withBody = (body: { [key: string]: JsonValue }): Cassette => ({
  interactions: [
    {
      request: { method: "POST", path: "/v2/chat", body },
      response: sampleCassette.interactions[0]!.response,
    },
  ],
});

afterEach(() => {
  vi.useRealTimers();
});

describe("createReplayFetch", () => {
  it("answers a matching request with the recorded status, headers and JSON body", async () => {
    const fetch = createReplayFetch(sampleCassette);
    const response = await fetch(...postChat({ stream: false, ...hi }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("x-debug-trace-id")).toBe("abc");
    expect(await response.json()).toEqual(sampleCassette.interactions[0]!.response.body);
  });

  it("ignores key order in the JSON body", async () => {
    const fetch = createReplayFetch(sampleCassette);
    const response = await fetch(
      ...postChat({ stream: false, messages: [{ content: "Hi", role: "user" }], model: "m" }),
    );
    expect(response.status).toBe(200);
  });

  it("streams the recorded chunks one by one as text/event-stream", async () => {
    const fetch = createReplayFetch(sampleCassette);
    const response = await fetch(...postChat({ ...hi, stream: true }));
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const chunks = await readChunks(response);
    expect(chunks.map((chunk) => new TextDecoder().decode(chunk))).toEqual(sse(streamEvents));
    expect(decodeEvents(chunks)).toEqual(streamEvents);
  });

  it("accepts a Request object and a relative URL", async () => {
    const fetch = createReplayFetch(sampleCassette);
    const [url, init] = postChat({ ...hi, stream: false });
    expect((await fetch(new Request(url, init))).status).toBe(200);
    expect((await fetch("/v2/chat", init)).status).toBe(200);
  });

  it("answers an unmatched request with a Cohere-shaped 404 naming the closest recording and the differences", async () => {
    const fetch = createReplayFetch(sampleCassette);
    const response = await fetch(...postChat({ ...hi, stream: false, max_tokens: 5, model: "other" }));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/json");
    const { message } = (await response.json()) as { message: string };
    expect(message).toBe(
      'No recorded interaction matches POST /v2/chat. Closest: sample.json interactions[0] ("plain"), POST /v2/chat, which differs at body.max_tokens, body.model.',
    );
  });

  it("ranks a different path as further away than body differences", async () => {
    const fetch = createReplayFetch(sampleCassette);
    const response = await fetch("http://api.test/v1/chat", { method: "POST", body: JSON.stringify(hi) });
    const { message } = (await response.json()) as { message: string };
    expect(message).toContain("which differs at path.");
  });

  it("takes a trailing slash on the path as the same path, both ways, with the chat defaults still filled in", async () => {
    const at = (path: string, body: { [key: string]: JsonValue }): Cassette => ({
      interactions: [{ ...withBody(body).interactions[0]!, request: { method: "POST", path, body } }],
    });
    const slashed = createReplayFetch(at("/v2/chat/", { ...hi, stream: false }));
    expect((await slashed(...postChat(hi))).status).toBe(200);
    expect((await slashed("http://api.test/v2/chat/", postChat(hi)[1])).status).toBe(200);
    const plain = createReplayFetch(at("/v2/chat", { ...hi, stream: false }));
    expect((await plain("http://api.test/v2/chat/", postChat(hi)[1])).status).toBe(200);
    expect((await plain("http://api.test/v2/chat/?a=1", postChat(hi)[1])).status).toBe(404);
  });

  it("names the recording that differs only in its path as the closest, before one whose body differs", async () => {
    const fetch = createReplayFetch({
      interactions: [
        {
          ...withBody(hi).interactions[0]!,
          request: { method: "POST", path: "/v2/chat", body: { ...hi, model: "x" } },
        },
        { ...withBody(hi).interactions[0]!, request: { method: "POST", path: "/v1/chat", body: hi } },
      ],
    });
    const { message } = (await (await fetch(...postChat(hi))).json()) as { message: string };
    expect(message).toBe(
      "No recorded interaction matches POST /v2/chat. Closest: cassettes[0] interactions[1], POST /v1/chat, which differs at path.",
    );
  });

  it("answers a request that sends stream: false from a recording without stream, and the reverse", async () => {
    const recordedWithout = createReplayFetch(withBody(hi));
    expect((await recordedWithout(...postChat({ ...hi, stream: false }))).status).toBe(200);
    const recordedWith = createReplayFetch(withBody({ ...hi, stream: false }));
    expect((await recordedWith(...postChat(hi))).status).toBe(200);
    expect((await recordedWith(...postChat({ ...hi, stream: true }))).status).toBe(404);
  });

  it("takes every documented default as sent when it is left out, in both directions", async () => {
    const defaults = {
      temperature: 0.3,
      p: 0.75,
      k: 0,
      safety_mode: "CONTEXTUAL",
      response_format: { type: "text" },
    };
    const recordedWith = createReplayFetch(withBody({ ...hi, ...defaults }));
    expect((await recordedWith(...postChat(hi))).status).toBe(200);
    const recordedWithout = createReplayFetch(withBody(hi));
    expect((await recordedWithout(...postChat({ ...hi, ...defaults }))).status).toBe(200);
    const response = await recordedWithout(...postChat({ ...hi, temperature: 0.9 }));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toContain(
      "differs at body.temperature.",
    );
  });

  it("names the closest recording of the same stream mode before one with fewer other differences", async () => {
    const fetch = createReplayFetch(sampleCassette);
    const response = await fetch(...postChat({ ...hi, stream: true, max_tokens: 5, temperature: 1 }));
    const { message } = (await response.json()) as { message: string };
    expect(message).toContain('Closest: sample.json interactions[1] ("streamed")');
    expect(message).toContain("which differs at body.max_tokens, body.temperature.");
  });

  it("ignores the body fields it is told to", async () => {
    const fetch = createReplayFetch(sampleCassette, { ignore: ["temperature", "messages[*].content"] });
    const response = await fetch(
      ...postChat({ ...hi, messages: [{ role: "user", content: "Hello" }], temperature: 0.2, stream: false }),
    );
    expect(response.status).toBe(200);
  });

  it("refuses a malformed ignore path", () => {
    expect(() => createReplayFetch(sampleCassette, { ignore: ["messages[x"] })).toThrow(
      /Invalid JSON path "messages\[x"/,
    );
  });

  it("matches with a predicate when given one", async () => {
    const fetch = createReplayFetch(sampleCassette, {
      match: (request, recorded) =>
        (request.body as { stream?: boolean }).stream === (recorded.body as { stream: boolean }).stream,
    });
    const response = await fetch(...postChat({ model: "anything", messages: [], stream: true }));
    expect(response.headers.get("content-type")).toBe("text/event-stream");
  });

  it("answers repeated identical requests in recorded order in sequence mode, then says the sequence is used up", async () => {
    const cassette = structuredClone(sampleCassette);
    cassette.source = "seq.json";
    cassette.interactions = [0, 1].map((n) => ({
      request: { method: "POST", path: "/v2/chat", body: hi },
      response: { status: 200, body: { n } },
    }));
    const fetch = createReplayFetch(cassette, { sequence: true });
    expect(await (await fetch(...postChat(hi))).json()).toEqual({ n: 0 });
    expect(await (await fetch(...postChat(hi))).json()).toEqual({ n: 1 });
    const third = await fetch(...postChat(hi));
    expect(third.status).toBe(404);
    expect(((await third.json()) as { message: string }).message).toContain("All 2 recorded answers");
    const repeat = createReplayFetch(cassette);
    expect(await (await repeat(...postChat(hi))).json()).toEqual({ n: 0 });
    expect(await (await repeat(...postChat(hi))).json()).toEqual({ n: 0 });
  });

  it("waits as recorded with pacing: recorded, scaled by speed", async () => {
    vi.useFakeTimers();
    const fetch = createReplayFetch(sampleCassette, { pacing: "recorded", speed: 2 });
    const response = await fetch(...postChat({ ...hi, stream: true }));
    const reader = response.body!.getReader();
    const first = reader.read();
    let settled = false;
    void first.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(4);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
    const second = reader.read();
    await vi.advanceTimersByTimeAsync(5);
    expect(new TextDecoder().decode((await second).value)).toContain("content-start");
    await reader.cancel();
  });

  it("rejects at once when the signal is already aborted", async () => {
    const fetch = createReplayFetch(sampleCassette);
    const controller = new AbortController();
    controller.abort(new DOMException("stop", "AbortError"));
    await expect(fetch(...postChat(hi, { signal: controller.signal }))).rejects.toThrow("stop");
  });

  it("errors the body with the abort reason when the request is aborted mid-stream", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const fetch = createReplayFetch(sampleCassette, { pacing: "recorded" });
    const response = await fetch(...postChat({ ...hi, stream: true }, { signal: controller.signal }));
    const reader = response.body!.getReader();
    await vi.advanceTimersByTimeAsync(10);
    await reader.read();
    const pending = reader.read();
    controller.abort(new DOMException("user stop", "AbortError"));
    await expect(pending).rejects.toThrow("user stop");
  });

  it("sends non-JSON recorded bodies as they are", async () => {
    const cassette = structuredClone(sampleCassette);
    cassette.interactions = [
      { request: { method: "GET", path: "/health" }, response: { status: 503, body: "upstream down" } },
    ];
    const response = await createReplayFetch(cassette)("http://x/health");
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(text(await readChunks(response))).toBe("upstream down");
  });
});
