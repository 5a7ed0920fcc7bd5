import { decodeEvents } from "@parley/core/protocol";
import { describe, expect, it } from "vitest";
import type { FetchLike } from "../http/fetchLike";
import { createReplayFetch } from "../replay/replayFetch";
import { SecretLeakError } from "../secrets/scanSecrets";
import { postChat, readChunks, sampleCassette, sse, streamEvents } from "../test/sampleCassette";
import { createRecordingFetch } from "./recordingFetch";

const KEY = "Xq7LmP2vRt9sKd4WnB6yHc1ZfG8uJe3Ao5iTkQ0p";
const hi = { model: "m", messages: [{ role: "user", content: "Hi" }] };
const withKey = (body: unknown): [string, RequestInit] => {
  const [url, init] = postChat(body);
  return [
    url,
    { ...init, headers: { ...init.headers, authorization: `Bearer ${KEY}`, "x-client-name": "t" } },
  ];
};

describe("createRecordingFetch", () => {
  it("records a JSON exchange without any request header and returns the response unchanged", async () => {
    const upstream: FetchLike = async () =>
      new Response(JSON.stringify({ id: "1" }), {
        headers: {
          "content-type": "application/json",
          "set-cookie": "s=1",
          "x-api-key": "k",
          "x-debug-trace-id": "t",
        },
      });
    const recorder = createRecordingFetch(upstream);
    const response = await recorder.fetch(...withKey({ ...hi, stream: false }));
    expect(await response.json()).toEqual({ id: "1" });
    expect(recorder.interactions).toEqual([
      {
        request: { method: "POST", path: "/v2/chat", body: { ...hi, stream: false } },
        response: {
          status: 200,
          headers: { "content-type": "application/json", "x-debug-trace-id": "t" },
          body: { id: "1" },
        },
      },
    ]);
  });

  it("records a stream chunk by chunk with pacing, while the caller reads it live", async () => {
    const recorder = createRecordingFetch(createReplayFetch(sampleCassette));
    const response = await recorder.fetch(...withKey({ ...hi, stream: true }));
    expect(recorder.interactions).toHaveLength(0);
    expect(decodeEvents(await readChunks(response))).toEqual(streamEvents);
    const recorded = recorder.interactions[0]!.response;
    expect(recorded.chunks).toEqual(sse(streamEvents));
    expect(recorded.pacing).toHaveLength(recorded.chunks!.length);
    // What was recorded replays to the same bytes.
    const replayed = await createReplayFetch(recorder.toCassette())(...postChat({ ...hi, stream: true }));
    expect(decodeEvents(await readChunks(replayed))).toEqual(streamEvents);
  });

  it("notes a stream the client stopped reading", async () => {
    const recorder = createRecordingFetch(createReplayFetch(sampleCassette));
    const response = await recorder.fetch(...withKey({ ...hi, stream: true }));
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(recorder.interactions[0]!.notes).toBe("The client stopped reading after 1 chunks.");
  });

  it("drops key parameters from the recorded URL", async () => {
    const recorder = createRecordingFetch(async () => new Response(null, { status: 204 }));
    await recorder.fetch(`http://x.test/v1/models?api_key=${KEY}&page=2`);
    expect(recorder.interactions[0]!.request.path).toBe("/v1/models?page=2");
  });

  it("learns the key from the Authorization header and refuses a cassette that would hold it", async () => {
    const recorder = createRecordingFetch(createReplayFetch(sampleCassette, { match: () => true }));
    await (await recorder.fetch(...withKey({ ...hi, stream: false }))).text();
    expect(recorder.toCassette().interactions).toHaveLength(1);
    expect(JSON.stringify(recorder.toCassette())).not.toContain(KEY);
    const leaky = { ...hi, messages: [{ role: "user", content: `remember ${KEY}` }] };
    await (await recorder.fetch(...withKey(leaky))).text();
    expect(recorder.secrets).toContain(KEY);
    expect(() => recorder.toCassette({ name: "session.json" })).toThrow(SecretLeakError);
    expect(() => recorder.toCassette({ name: "session.json" })).toThrow(
      /session\.json: interactions\[1\]\.request\.body\.messages\[0\]\.content: configured secret Xq7L/,
    );
  });

  it("refuses a key that comes back in a streamed chunk or a response header, naming the place", async () => {
    const upstream: FetchLike = async () =>
      new Response(['data: {"type":"message-start"}\n\n', `data: {"echo":"${KEY}"}\n\n`].join(""), {
        headers: { "content-type": "text/event-stream", "x-echo": `k=${KEY}` },
      });
    const recorder = createRecordingFetch(async (input, init) => {
      const response = await upstream(input, init);
      // Two chunks, so the finding points at the second.
      const [first, second] = (await response.text()).split(/(?<=\n\n)/);
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(first));
          controller.enqueue(new TextEncoder().encode(second));
          controller.close();
        },
      });
      return new Response(body, { headers: response.headers });
    });
    await (await recorder.fetch(...withKey({ ...hi, stream: true }))).text();
    const error = (() => {
      try {
        recorder.toCassette({ name: "leak.json" });
      } catch (caught) {
        return caught as SecretLeakError;
      }
    })();
    expect(error?.findings.map((finding) => `${finding.path}: ${finding.kind}`)).toEqual([
      'interactions[0].response.headers["x-echo"]: configured secret',
      "interactions[0].response.chunks[1]: configured secret",
    ]);
  });
});
