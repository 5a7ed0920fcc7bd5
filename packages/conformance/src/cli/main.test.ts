import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeEvents } from "@parley/core/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { createServer } from "../http/server";
import { createReplayFetch } from "../replay/replayFetch";
import { simulated, TEST_KEY } from "../test/brokenProviders";
import { postChat, readChunks, sampleCassette, streamEvents } from "../test/sampleCassette";
import type { CommandIo } from "./io";
import { main } from "./main";

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((step) => step()));
});

function capture() {
  const out = { stdout: "", stderr: "" };
  const stop = new AbortController();
  const waiting = new Set<() => void>();
  const writer = (stream: "stdout" | "stderr") => ({
    write: (text: string) => {
      out[stream] += text;
      for (const check of waiting) check();
    },
  });
  const io: CommandIo = { stdout: writer("stdout"), stderr: writer("stderr"), signal: stop.signal, env: {} };
  /** Resolves with the first capture group once the output (stdout, then stderr) matches. */
  const waitFor = (pattern: RegExp) =>
    new Promise<string>((resolve) => {
      const check = () => {
        const match = pattern.exec(out.stdout + out.stderr);
        if (!match) return;
        waiting.delete(check);
        resolve(match[1] ?? match[0]);
      };
      waiting.add(check);
      check();
    });
  return { io, out, stop: () => stop.abort(), listening: () => waitFor(/Listening on (\S+)/), waitFor };
}

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), "parley-cli-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const hi = { model: "m", messages: [{ role: "user", content: "Hi" }] };

describe("parley-conformance", () => {
  it("prints the commands and exits 2 without any", async () => {
    const { io, out } = capture();
    expect(await main([], io)).toBe(2);
    expect(out.stderr).toContain("Usage: parley-conformance <command>");
  });

  it("prints help for --help and for help <command>", async () => {
    const top = capture();
    expect(await main(["--help"], top.io)).toBe(0);
    expect(top.out.stdout).toContain("serve");
    for (const command of ["serve", "record", "run"]) {
      const help = capture();
      expect(await main(["help", command], help.io)).toBe(0);
      expect(help.out.stdout).toContain(`Usage: parley-conformance ${command}`);
      const flag = capture();
      expect(await main([command, "--help"], flag.io)).toBe(0);
      expect(flag.out.stdout).toBe(help.out.stdout);
    }
  });

  it("prints its version for --version and exits 0", async () => {
    const { io, out } = capture();
    expect(await main(["--version"], io)).toBe(0);
    const { version } = JSON.parse(await readFile(join(import.meta.dirname, "../../package.json"), "utf8"));
    expect(out.stdout).toBe(`${version}\n`);
  });

  it.each([
    [["launch"], 'unknown command "launch"'],
    [["serve", "--bogus"], "serve: Unknown option '--bogus'"],
    [["serve"], "serve: say what to serve: --cassettes <file|dir>... or --simulate"],
    [["serve", "x.json"], 'serve: unexpected argument "x.json"; cassette paths follow --cassettes'],
    [["serve", "--simulate", "--cassettes", "a.json"], "use either --cassettes or --simulate"],
    [["serve", "--simulate", "--port", "http"], '--port must be a port number 0-65535, got "http"'],
    [["serve", "--simulate", "--faults", "{rechunk"], "--faults must be JSON"],
    [["serve", "--simulate", "--faults", '{"rechunk":"lines"}'], 'faults.rechunk must be "byte" or "random"'],
    [["serve", "--cassettes", "a.json", "--pacing", "fast"], '--pacing must be "none" or "recorded"'],
    [["serve", "--cassettes", "x", "--record-missing"], "--record-missing needs --upstream <url>"],
    [["serve", "--cassettes", "x", "--upstream", "http://a.test"], "--upstream is for --record-missing"],
    [["record", "--out", "x"], "record: --upstream <url> is required"],
    [["record", "--upstream", "ftp://x", "--out", "x"], '--upstream must be an http(s) URL, got "ftp://x"'],
  ])("refuses %j with exit code 2", async (argv, message) => {
    const { io, out } = capture();
    expect(await main(argv, io)).toBe(2);
    expect(out.stderr).toContain(message);
  });

  it("says which cassette file is missing or broken, exiting 1 from serve and 2 from run, never pointing at --help", async () => {
    const dir = await tempDir();
    const missing = capture();
    expect(await main(["serve", "--cassettes", join(dir, "nope.json")], missing.io)).toBe(1);
    expect(missing.out.stderr).toBe(
      `parley-conformance serve: ${join(dir, "nope.json")}: $: no such file or folder\n`,
    );
    await writeFile(join(dir, "bad.json"), JSON.stringify({ interactions: [{ request: {}, response: {} }] }));
    const broken = capture();
    expect(await main(["serve", "--cassettes", dir], broken.io)).toBe(1);
    expect(broken.out.stderr).toBe(
      `parley-conformance serve: ${join(dir, "bad.json")}: interactions[0].request.method: expected an upper-case HTTP method, got nothing\n`,
    );
    // run keeps 1 for a provider that fails a check; cassettes it cannot load leave nothing to judge.
    const run = capture();
    expect(await main(["run", "--cassettes", join(dir, "bad.json")], run.io)).toBe(2);
    expect(run.out.stderr).toBe(
      `parley-conformance run: ${join(dir, "bad.json")}: interactions[0].request.method: expected an upper-case HTTP method, got nothing\n`,
    );
  });

  it.each([
    ["a trailing comma", '{"interactions": [],}', "$: not valid JSON"],
    [
      '"status": "200"',
      JSON.stringify({
        interactions: [{ request: { method: "POST", path: "/v2/chat" }, response: { status: "200" } }],
      }),
      'interactions[0].response.status: expected an integer 100-599, got "200"',
    ],
  ])("exits 1 from serve for a cassette with %s, naming the file", async (_, text, problem) => {
    const dir = await tempDir();
    await writeFile(join(dir, "c2.json"), text);
    const { io, out } = capture();
    expect(await main(["serve", "--cassettes", dir], io)).toBe(1);
    expect(out.stderr).toContain(`parley-conformance serve: ${join(dir, "c2.json")}: ${problem}`);
    expect(out.stderr).not.toContain("--help");
    expect(out.stdout).toBe("");
  });

  it("serves cassettes from files and folders until stopped", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "sample.json"), JSON.stringify(sampleCassette));
    const { io, out, stop, listening } = capture();
    const exit = main(["serve", "--cassettes", join(dir, "sample.json"), dir, "--port", "0"], io);
    const url = await listening();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out.stderr).toContain("Serving 4 interactions from 2 cassettes");
    const response = await fetch(`${url}/v2/chat`, postChat({ ...hi, stream: true })[1]);
    expect(decodeEvents(await readChunks(response))).toEqual(streamEvents);
    stop();
    expect(await exit).toBe(0);
    await expect(fetch(`${url}/v2/chat`)).rejects.toThrow();
  });

  it("serves by meaning: a cassette recorded without stream answers stream: false, and the reverse", async () => {
    const dir = await tempDir();
    const [plain] = sampleCassette.interactions;
    const recordedWithout = { interactions: [{ ...plain, request: { ...plain!.request, body: hi } }] };
    await writeFile(join(dir, "without-stream.json"), JSON.stringify(recordedWithout));
    const { io, stop, listening } = capture();
    const exit = main(["serve", "--cassettes", dir, "--port", "0"], io);
    const url = await listening();
    const sent = await fetch(`${url}/v2/chat`, postChat({ ...hi, stream: false })[1]);
    expect(sent.status).toBe(200);
    expect(await sent.json()).toEqual(plain!.response.body);
    stop();
    expect(await exit).toBe(0);
    const reverse = createReplayFetch(sampleCassette);
    expect((await reverse(...postChat(hi))).status).toBe(200);
  });

  it("records what no cassette answers with --record-missing, and replays it from then on", async () => {
    const dir = join(await tempDir(), "cassettes");
    const upstream = await createServer(simulated());
    const { io, stop, listening, waitFor } = capture();
    const exit = main(
      ["serve", "--cassettes", dir, "--record-missing", "--upstream", upstream.url, "--port", "0"],
      io,
    );
    const url = await listening();
    const ask = { model: "command-a-03-2025", messages: [{ role: "user", content: "Name a colour." }] };
    const init = postChat(ask, { headers: { authorization: `Bearer ${TEST_KEY}` } })[1];
    const first = await fetch(`${url}/v2/chat`, init);
    expect(first.status).toBe(200);
    const reply = await first.json();
    await waitFor(/Recorded (\S+)/);
    await upstream.close(); // from now on only the recording can answer
    const again = await fetch(`${url}/v2/chat`, postChat({ ...ask, stream: false })[1]);
    expect(await again.json()).toEqual(reply);
    stop();
    expect(await exit).toBe(0);
    const files = await readdir(dir);
    expect(files).toEqual(["0001-v2-chat.json"]);
    const written = await readFile(join(dir, files[0]!), "utf8");
    expect(written).not.toContain(TEST_KEY);
  });

  it("serves the simulated provider with --simulate", async () => {
    const { io, stop, listening } = capture();
    const exit = main(["serve", "--simulate", "--port", "0", "--tokens-per-second", "0"], io);
    const url = await listening();
    const response = await fetch(
      `${url}/v2/chat`,
      postChat({ model: "command-a-03-2025", messages: hi.messages })[1],
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { finish_reason: string }).finish_reason).toBe("COMPLETE");
    stop();
    expect(await exit).toBe(0);
  });

  it("records through a proxy into a folder", async () => {
    const out = await tempDir();
    const upstream = await createServer(createReplayFetch(sampleCassette));
    cleanup.push(() => upstream.close());
    const { io, stop, listening, waitFor } = capture();
    const exit = main(["record", "--upstream", upstream.url, "--out", out, "--port", "0"], io);
    const url = await listening();
    const response = await fetch(`${url}/v2/chat`, postChat({ ...hi, stream: false })[1]);
    expect(response.status).toBe(200);
    await response.text();
    await waitFor(/Wrote /);
    stop();
    expect(await exit).toBe(0);
    expect(await readdir(out)).toEqual(["0001-v2-chat.json"]);
    expect(JSON.parse(await readFile(join(out, "0001-v2-chat.json"), "utf8")).interactions).toHaveLength(1);
  });

  it("says when the upstream cannot be reached, with exit code 1", async () => {
    const dead = await createServer(createReplayFetch(sampleCassette));
    await dead.close();
    const { io, out } = capture();
    expect(await main(["record", "--upstream", dead.url, "--out", await tempDir()], io)).toBe(1);
    expect(out.stderr).toMatch(new RegExp(`Cannot reach ${dead.url.replace(/[.]/g, "\\.")}: .*ECONNREFUSED`));
  });
});
