import { join } from "node:path";
import { ClientV2, messageText, TooManyRequestsError } from "@parley/core";
import { beforeAll, describe, expect, it } from "vitest";
import type { Cassette } from "../cassette/cassette";
import { loadCassettes } from "../cassette/loadCassettes";
import { createReplayFetch } from "./replayFetch";

/** Many requests in one test: generous when the machine is busy, never a timing assertion. */
const SLOW = 30_000;

// The README's first example: @parley/core's client on a replay fetch, here over the whole corpus and with faults.

let corpus: Cassette[];
beforeAll(async () => {
  corpus = await loadCassettes([join(import.meta.dirname, "../../corpus")]);
});

type Body = Parameters<ClientV2["chat"]>[0] & { stream?: boolean };
const pairs = () =>
  corpus
    .filter((cassette) => cassette.source!.includes("authored-") && cassette.interactions.length === 2)
    .map((cassette) => ({
      name: cassette.source!,
      request: (({ stream: _, ...rest }) => rest)(cassette.interactions[0]!.request.body as unknown as Body),
      body: cassette.interactions[0]!.response.body,
    }));

describe("@parley/core's client on a replay fetch", () => {
  it("gets every authored reply from chat() and the same from chatStream()", { timeout: SLOW }, async () => {
    const client = new ClientV2({ apiKey: "test", fetch: createReplayFetch(corpus), maxRetries: 0 });
    for (const { name, request, body } of pairs()) {
      expect(await client.chat(request), name).toEqual(body);
      const stream = await client.chatStream(request);
      const { error: _error, ...final } = (await stream.finalResponse()) as { error?: string };
      expect(final, name).toEqual(body);
    }
  });

  it("streams intact through byte re-chunking with split characters", async () => {
    const fetch = createReplayFetch(corpus, {
      faults: { rechunk: "random", seed: 9, maxChunkBytes: 3, splitMultibyte: true },
    });
    const client = new ClientV2({ apiKey: "test", fetch });
    const unicode = pairs().find((pair) => pair.name.includes("complete-unicode"))!;
    const stream = await client.chatStream(unicode.request);
    expect(messageText((await stream.finalResponse()).message)).toBe(
      messageText((unicode.body as { message: Parameters<typeof messageText>[0] }).message),
    );
  });

  it("sees the 429 a fault injects, with its Retry-After", async () => {
    const client = new ClientV2({
      apiKey: "test",
      fetch: createReplayFetch(corpus, { faults: { rateLimit: { retryAfterSeconds: 3 } } }),
      maxRetries: 0,
    });
    const error = await client.chat(pairs()[0]!.request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).retryAfterMs).toBe(3000);
  });
});
