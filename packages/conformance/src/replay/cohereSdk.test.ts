import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { decodeEvents } from "@parley/core/protocol";
import { CohereClientV2, CohereError } from "cohere-ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cassette, Interaction } from "../cassette/cassette";
import { loadCassettes } from "../cassette/loadCassettes";
import { camelCase as camel } from "../clients/camelCase";
import { createServer, type RunningServer } from "../http/server";
import { createReplayFetch } from "./replayFetch";

/** Many requests in one test: generous when the machine is busy, never a timing assertion. */
const SLOW = 30_000;

// Cohere's own TypeScript SDK and curl, unchanged, against `serve` on the corpus: what they get must be what
// was recorded.

let server: RunningServer;
let corpus: Cassette[];
let cohere: CohereClientV2;

beforeAll(async () => {
  corpus = await loadCassettes([join(import.meta.dirname, "../../corpus")]);
  server = await createServer(createReplayFetch(corpus));
  cohere = new CohereClientV2({ token: "x", environment: server.url });
});

afterAll(() => server.close());

function sdkRequest(interaction: Interaction) {
  const { stream: _stream, ...body } = interaction.request.body as Record<string, unknown>;
  return camel(body) as Parameters<CohereClientV2["chat"]>[0];
}

const cases = () =>
  corpus.flatMap((cassette) =>
    cassette.interactions.map((interaction) => ({ name: cassette.source!.split("/").at(-1)!, interaction })),
  );

describe("Cohere's TypeScript SDK against serve", () => {
  it("gets every recorded non-stream reply", { timeout: SLOW }, async () => {
    const replies = cases().filter(
      ({ interaction }) => interaction.response.status === 200 && !interaction.response.chunks,
    );
    expect(replies.length).toBeGreaterThanOrEqual(15);
    for (const { name, interaction } of replies) {
      const reply = await cohere.chat(sdkRequest(interaction));
      expect(reply, name).toEqual(camel(interaction.response.body));
    }
  });

  it("gets every recorded stream, event for event", { timeout: SLOW }, async () => {
    const streams = cases().filter(({ interaction }) => interaction.response.chunks);
    expect(streams.length).toBeGreaterThanOrEqual(15);
    for (const { name, interaction } of streams) {
      const events: unknown[] = [];
      for await (const event of await cohere.chatStream(sdkRequest(interaction))) events.push(event);
      // In streams the SDK renames some fields (its schema's, and even keys inside tool output) and passes the
      // rest as they came, so both sides are compared with every key in camelCase.
      const everyKey = new Set<string>();
      expect(camel(events, everyKey), name).toEqual(
        camel(decodeEvents(interaction.response.chunks!), everyKey),
      );
    }
  });

  it("gets the recorded errors as its own error classes", { timeout: SLOW }, async () => {
    const errors = cases().filter(({ interaction }) => interaction.response.status >= 400);
    expect(errors.length).toBe(6);
    for (const { name, interaction } of errors) {
      const call = (interaction.request.body as { stream?: boolean }).stream
        ? cohere.chatStream(sdkRequest(interaction), { maxRetries: 0 })
        : cohere.chat(sdkRequest(interaction), { maxRetries: 0 });
      const error = await call.then(
        () => expect.unreachable(name),
        (caught: unknown) => caught,
      );
      expect(error, name).toBeInstanceOf(CohereError);
      expect((error as CohereError).statusCode, name).toBe(interaction.response.status);
      expect((error as CohereError).body, name).toEqual(interaction.response.body);
    }
  });
});

const hasCurl = await promisify(execFile)("curl", ["--version"]).then(
  () => true,
  () => false,
);

describe.skipIf(!hasCurl)("curl against serve", () => {
  it("streams a recorded reply byte for byte", { timeout: SLOW }, async () => {
    const [, interaction] = corpus
      .flatMap((cassette) => cassette.interactions.map((i) => [cassette.source, i] as const))
      .find(([source]) => source?.endsWith("cohere-stream-tool-call.json"))!;
    const { stdout } = await promisify(execFile)("curl", [
      "--silent",
      "--show-error",
      "--no-buffer",
      "--include",
      `${server.url}/v2/chat`,
      "-H",
      "content-type: application/json",
      "-H",
      "authorization: Bearer x",
      "--data",
      JSON.stringify(interaction.request.body),
    ]);
    const [head, ...body] = stdout.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(head).toMatch(/\r\ncontent-type: text\/event-stream\r\n/i);
    expect(body.join("\r\n\r\n")).toBe(interaction.response.chunks!.join(""));
  });
});
