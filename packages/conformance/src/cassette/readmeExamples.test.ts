import { readFileSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@parley/core";
import { decodeEvents } from "@parley/core/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandIo } from "../cli/io";
import { main } from "../cli/main";
import * as conformance from "../index";
import * as node from "../node";
import { readmeBlocks, runBlock, shellWords } from "../test/readmeBlocks";
import { loadCassettes } from "./loadCassettes";

const root = join(import.meta.dirname, "../..");
const README = join(root, "README.md");
const CASSETTES = "test/cassettes";
const modules = {
  "@parley/core": core,
  "@parley/conformance": conformance,
  "@parley/conformance/node": node,
};

// The README's quick start reads `test/cassettes`: here it holds a copy of the shipped corpus, as a new user's would.
let cassettes = "";
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), "parley-readme-"));
  cassettes = join(dir, CASSETTES);
  await cp(join(root, "corpus"), cassettes, { recursive: true });
});
afterAll(async () => {
  await rm(join(cassettes, "../.."), { recursive: true, force: true });
});

const blocks = readmeBlocks(README);
const replayBlocks = blocks.filter(
  (b) => b.lang === "ts" && !b.info.includes("no-check") && b.code.includes(`"${CASSETTES}"`),
);

describe("the README's examples with the corpus copied to test/cassettes", () => {
  it("are found: the replay quick start and the record-what-is-missing example", () => {
    expect(replayBlocks.map((b) => b.code.match(/create\w+Fetch/)?.[0])).toEqual([
      "createReplayFetch",
      "createCassetteFetch",
    ]);
  });

  for (const block of replayBlocks) {
    it(`run as written: the ts block at README.md:${block.line}`, async () => {
      const code = block.code.replaceAll(`"${CASSETTES}"`, JSON.stringify(cassettes));
      const values = await runBlock(code, modules);
      if ("reply" in values) {
        const reply = values.reply as core.ChatResponse;
        expect(reply.finish_reason).toBe("COMPLETE");
        expect(core.messageText(reply.message)).not.toBe("");
      }
    });
  }

  it("answer the curl request sent to `serve` with a stream, not a recorded error", async () => {
    const block = blocks.find((b) => b.lang === "sh" && b.code.includes("curl"));
    const [serveLine, ...curlLines] = block!.code.split("\n");
    const serveArgs = shellWords(serveLine!).slice(2); // after `npx parley-conformance`
    expect(serveArgs).toEqual(["serve", "--cassettes", CASSETTES, "--port", "8787"]);

    const stop = new AbortController();
    let listening: (url: string) => void = () => {};
    const url = new Promise<string>((resolve) => (listening = resolve));
    const io: CommandIo = {
      stdout: {
        write: (text: string) => {
          const match = /Listening on (\S+)/.exec(text);
          if (match) listening(match[1]!);
        },
      },
      stderr: { write: () => true },
      signal: stop.signal,
      env: {},
    };
    const exit = main(["serve", "--cassettes", cassettes, "--port", "0"], io);
    try {
      const stopped = exit.then((code) => Promise.reject(new Error(`serve exited with ${code}`)));
      const base = await Promise.race([url, stopped]);
      const curl = shellWords(curlLines.join("\n"));
      const target = new URL(curl.find((word) => word.startsWith("http://"))!);
      const headers = new Headers();
      const header = curl.indexOf("-H");
      const [name, value] = curl[header + 1]!.split(/:\s*/);
      headers.set(name!, value!);
      const body = curl[curl.indexOf("-d") + 1]!;
      const response = await fetch(`${base}${target.pathname}`, { method: "POST", headers, body });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/event-stream");
      const events = decodeEvents([new Uint8Array(await response.arrayBuffer())]);
      expect(events.at(-1)?.type).toBe("message-end");
    } finally {
      stop.abort();
      await exit;
    }
  });
});

describe("the corpus's error cassettes", () => {
  it("are each listed in the README with the request that gets them", async () => {
    const readme = readFileSync(README, "utf8");
    const squash = (text: string) => text.replace(/[\s"]/g, "");
    const corpus = await loadCassettes([join(root, "corpus")]);
    const errors = corpus.flatMap((cassette) =>
      cassette.interactions
        .filter((i) => i.response.status >= 400)
        .map((i) => ({
          file: cassette.source!.split("/").at(-1)!,
          status: i.response.status,
          request: i.request,
        })),
    );
    expect(errors.length).toBe(6);
    for (const { file, status, request } of errors) {
      const row = readme.split("\n").find((line) => line.startsWith(`| ${status} | \`${file}\` |`));
      expect(row, file).toBeDefined();
      const fragments = [...row!.split("|")[3]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      expect(fragments.length, file).toBeGreaterThan(0);
      for (const fragment of fragments)
        expect(squash(JSON.stringify(request.body)), file).toContain(squash(fragment));
    }
  });

  it("answer only requests made to get them, never an ordinary one", async () => {
    const fetch = conformance.createReplayFetch(await loadCassettes([join(root, "corpus")]));
    const ordinary = ["Hi", "Hello", "Hi!", "Hello, how are you?"].flatMap((content) =>
      [false, true].map((stream) => ({
        model: "command-a-03-2025",
        messages: [{ role: "user", content }],
        stream,
      })),
    );
    const suite = conformance.SUITE_CASES.flatMap((c) =>
      c.kind === "chat"
        ? [false, true].map((stream) => ({ model: "command-a-03-2025", ...c.request, stream }))
        : [],
    );
    for (const request of [...ordinary, ...suite]) {
      const response = await fetch("http://corpus.test/v2/chat", {
        method: "POST",
        body: JSON.stringify(request),
      });
      const text = await response.text();
      const unmatched = response.status === 404 && text.includes("No recorded interaction matches");
      expect(response.status === 200 || unmatched, `${JSON.stringify(request)} got ${text}`).toBe(true);
    }
  });
});
