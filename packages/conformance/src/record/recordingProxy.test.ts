import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeEvents } from "@parley/core/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { loadCassettes } from "../cassette/loadCassettes";
import { createServer, type RunningServer } from "../http/server";
import { createReplayFetch } from "../replay/replayFetch";
import { scanForSecrets } from "../secrets/scanSecrets";
import { postChat, readChunks, sampleCassette, streamEvents } from "../test/sampleCassette";
import { createRecordingProxy } from "./recordingProxy";

const KEY = "Xq7LmP2vRt9sKd4WnB6yHc1ZfG8uJe3Ao5iTkQ0p";
const hi = { model: "m", messages: [{ role: "user", content: "Hi" }] };
const cleanup: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((step) => step()));
});

async function setUp() {
  const out = await mkdtemp(join(tmpdir(), "parley-record-"));
  cleanup.push(() => rm(out, { recursive: true, force: true }));
  let seenAuthorization: string | null = null;
  // The "real API": a replay server on 127.0.0.1 that insists on the key.
  const upstream = await createServer(async (input) => {
    seenAuthorization = (input as Request).headers.get("authorization");
    return createReplayFetch(sampleCassette)(input);
  });
  const events: Array<{ path: string; error?: Error }> = [];
  let notify: () => void = () => {};
  const proxy: RunningServer = await createRecordingProxy({
    upstream: upstream.url,
    out,
    onCassette: (event) => {
      events.push(event);
      notify();
    },
  });
  cleanup.push(
    () => proxy.close(),
    () => upstream.close(),
  );
  const written = (count: number) =>
    new Promise<void>((resolve) => {
      notify = () => events.length >= count && resolve();
      notify();
    });
  const call = (body: unknown) => {
    const [, init] = postChat(body);
    return fetch(`${proxy.url}/v2/chat`, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${KEY}` },
    });
  };
  return { out, events, written, call, authorization: () => seenAuthorization };
}

describe("createRecordingProxy", () => {
  it("forwards the key upstream, answers the client, and writes cassettes that never hold the key", async () => {
    const { out, written, call, authorization, events } = await setUp();
    const plain = await call({ ...hi, stream: false });
    expect(await plain.json()).toEqual(sampleCassette.interactions[0]!.response.body);
    const streamed = await call({ ...hi, stream: true });
    expect(decodeEvents(await readChunks(streamed))).toEqual(streamEvents);
    await written(2);
    expect(authorization()).toBe(`Bearer ${KEY}`);
    expect(events.map((event) => event.error)).toEqual([undefined, undefined]);
    expect((await readdir(out)).sort()).toEqual(["0001-v2-chat.json", "0002-v2-chat-stream.json"]);
    for (const name of await readdir(out)) {
      const text = await readFile(join(out, name), "utf8");
      expect(text).not.toContain(KEY);
      expect(scanForSecrets(JSON.parse(text), { secrets: [KEY] })).toEqual([]);
      expect(text.toLowerCase()).not.toContain("authorization");
    }
    // The recordings replay to the same answers.
    const replay = createReplayFetch(await loadCassettes([out]));
    expect(decodeEvents(await readChunks(await replay(...postChat({ ...hi, stream: true }))))).toEqual(
      streamEvents,
    );
  });

  it("numbers new cassettes after those already in the folder", async () => {
    const out = await mkdtemp(join(tmpdir(), "parley-record-"));
    cleanup.push(() => rm(out, { recursive: true, force: true }));
    await writeFile(join(out, "0007-earlier.json"), "{}");
    const upstream = await createServer(createReplayFetch(sampleCassette));
    const wrote = new Promise<string>((resolve) => {
      void createRecordingProxy({
        upstream: upstream.url,
        out,
        onCassette: ({ path }) => resolve(path),
      }).then(async (proxy) => {
        cleanup.push(
          () => proxy.close(),
          () => upstream.close(),
        );
        await (await fetch(`${proxy.url}/v2/chat`, postChat({ ...hi, stream: false })[1])).text();
      });
    });
    expect(await wrote).toBe(join(out, "0008-v2-chat.json"));
  });

  it("refuses to write a cassette in which the key appears and says where", async () => {
    const { out, written, call, events } = await setUp();
    const response = await call({
      ...hi,
      messages: [{ role: "user", content: `my key is ${KEY}` }],
      stream: false,
    });
    expect(response.status).toBe(404);
    await written(1);
    expect(events[0]!.error?.message).toContain(
      `${join(out, "0001-v2-chat.json")}: interactions[0].request.body.messages[0].content: configured secret Xq7L`,
    );
    expect(await readdir(out)).toEqual([]);
  });

  it("answers 502 naming the upstream when it is unreachable", async () => {
    const out = await mkdtemp(join(tmpdir(), "parley-record-"));
    cleanup.push(() => rm(out, { recursive: true, force: true }));
    const dead = await createServer(async () => new Response());
    const deadUrl = dead.url;
    await dead.close();
    const proxy = await createRecordingProxy({ upstream: deadUrl, out });
    cleanup.push(() => proxy.close());
    const response = await fetch(`${proxy.url}/v2/chat`, postChat(hi)[1]);
    expect(response.status).toBe(502);
    expect(((await response.json()) as { message: string }).message).toMatch(
      new RegExp(`^The upstream ${deadUrl.replace(/\./g, "\\.")} is unreachable: `),
    );
    expect(await readdir(out)).toEqual([]);
  });
});
