import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { StreamEvent } from "@parley/core";
import {
  assembleResponse,
  checkStreamGrammar,
  decodeEvents,
  STREAM_EVENT_TYPES,
} from "@parley/core/protocol";
import { beforeAll, describe, expect, it } from "vitest";
import { corpusProblems } from "../../scripts/buildCorpus";
import { createReplayFetch } from "../replay/replayFetch";
import { readChunks } from "../test/sampleCassette";
import type { Cassette, Interaction } from "./cassette";
import { loadCassettes } from "./loadCassettes";

/** Many requests in one test: generous when the machine is busy, never a timing assertion. */
const SLOW = 30_000;

const root = join(import.meta.dirname, "../..");
let corpus: Cassette[] = [];
const streamed = () =>
  corpus.flatMap((cassette) =>
    cassette.interactions
      .filter((interaction) => interaction.response.chunks)
      .map((interaction) => [cassette.source!, interaction] as const),
  );
const eventsOf = (interaction: Interaction): StreamEvent[] => decodeEvents(interaction.response.chunks!);

beforeAll(async () => {
  corpus = await loadCassettes([join(root, "corpus")]);
});

describe("the corpus", () => {
  it("is what scripts/buildCorpus.ts builds from the real recordings and the shared scenarios", () => {
    expect(corpusProblems()).toEqual([]);
  });

  it("says so through the package's corpus command too", { timeout: SLOW }, async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["scripts/runTs.mjs", "scripts/buildCorpus.ts", "--check"],
      { cwd: root },
    );
    expect(stdout).toMatch(/corpus up to date \(\d+ cassettes\)/);
  });

  it("holds real and authored cassettes, all valid", () => {
    const names = corpus.map((cassette) => cassette.source!.split("/").at(-1));
    expect(names.filter((name) => name?.startsWith("cohere-")).length).toBe(12);
    expect(names.filter((name) => name?.startsWith("authored-")).length).toBeGreaterThanOrEqual(15);
  });

  it("never records the same request twice, so one replay can serve the whole corpus", () => {
    const requests = corpus.flatMap((cassette) =>
      cassette.interactions.map((i) => JSON.stringify(i.request)),
    );
    expect(new Set(requests).size).toBe(requests.length);
  });

  it("has streams that keep the stream grammar and end with [DONE]", () => {
    for (const [source, interaction] of streamed()) {
      expect(interaction.response.headers?.["content-type"], source).toBe("text/event-stream");
      expect(interaction.response.chunks!.at(-1), source).toBe("data: [DONE]\n\n");
      expect(checkStreamGrammar(eventsOf(interaction), { done: true }), source).toEqual([]);
    }
  });

  it("has authored stream and non-stream replies that agree, by core's reducer", () => {
    const authored = corpus.filter(
      (cassette) => cassette.source!.includes("authored-") && cassette.interactions.length === 2,
    );
    expect(authored.length).toBeGreaterThanOrEqual(10);
    for (const cassette of authored) {
      const [chat, stream] = cassette.interactions;
      const { error: _error, ...assembled } = assembleResponse(eventsOf(stream!)) as { error?: string };
      expect(assembled, cassette.source).toEqual(chat!.response.body);
    }
  });

  it("covers every event type and every finish reason", () => {
    const events = streamed().flatMap(([, interaction]) => eventsOf(interaction));
    expect(new Set(events.map((event) => event.type))).toEqual(STREAM_EVENT_TYPES);
    const reasons = new Set(
      events.flatMap((event) =>
        event.type === "message-end"
          ? [(event as { delta: { finish_reason: string } }).delta.finish_reason]
          : [],
      ),
    );
    expect(reasons).toEqual(
      new Set(["COMPLETE", "STOP_SEQUENCE", "MAX_TOKENS", "TOOL_CALL", "ERROR", "TIMEOUT"]),
    );
  });

  it("covers the error statuses with Cohere-shaped bodies", () => {
    const errors = corpus
      .flatMap((cassette) => cassette.interactions)
      .filter((i) => i.response.status >= 400);
    expect(new Set(errors.map((i) => i.response.status))).toEqual(new Set([400, 401, 404, 429]));
    for (const error of errors)
      expect(error.response.body).toEqual(expect.objectContaining({ message: expect.any(String) }));
  });

  it("has citation offsets that index the generated text", () => {
    for (const [source, interaction] of streamed()) {
      const reply = assembleResponse(eventsOf(interaction));
      for (const citation of reply.message.citations ?? []) {
        const block = reply.message.content?.[citation.content_index ?? 0] as { text?: string } | undefined;
        expect(block?.text?.slice(citation.start, citation.end), source).toBe(citation.text);
      }
    }
  });

  it("replays every stream intact with every multi-byte character split and every byte a chunk", {
    timeout: SLOW,
  }, async () => {
    for (const faults of [{ splitMultibyte: true }, { rechunk: "byte" as const }]) {
      const fetch = createReplayFetch(corpus, { faults });
      for (const [source, interaction] of streamed()) {
        const response = await fetch(`http://corpus.test${interaction.request.path}`, {
          method: interaction.request.method,
          body: JSON.stringify(interaction.request.body),
        });
        expect(decodeEvents(await readChunks(response)), source).toEqual(eventsOf(interaction));
      }
    }
  });
});
