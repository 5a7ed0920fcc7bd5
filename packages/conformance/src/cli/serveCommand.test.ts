import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sampleCassette } from "../test/sampleCassette";
import type { CommandIo } from "./io";
import { main } from "./main";

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((step) => step()));
});

/** `serve` in this process with its output kept; resolves once it listens. */
async function serve(args: string[]) {
  const out = { stdout: "", stderr: "" };
  const stop = new AbortController();
  let listening: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => (listening = resolve));
  const io: CommandIo = {
    stdout: {
      write: (text: string) => {
        out.stdout += text;
        const match = /Listening on (\S+)/.exec(out.stdout);
        if (match) listening(match[1]!);
      },
    },
    stderr: { write: (text: string) => (out.stderr += text) },
    signal: stop.signal,
    env: {},
  };
  const exit = main(["serve", "--port", "0", ...args], io);
  const found = await Promise.race([url, exit]);
  if (typeof found === "number") return { exit: found, out, url: "" };
  cleanup.push(async () => {
    stop.abort();
    await exit;
  });
  return { exit: undefined, out, url: found };
}

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), "parley-serve-private-folder-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe("parley-conformance serve", () => {
  it("names no local folder in any answer, whatever path the cassettes were given as", async () => {
    const dir = await tempDir();
    const cassette = {
      interactions: [
        ...sampleCassette.interactions,
        { request: { method: "GET", path: "/health" }, response: { status: 200, body: "up" } },
      ],
    };
    await writeFile(join(dir, "sample.json"), JSON.stringify(cassette));
    const { url } = await serve(["--cassettes", join(dir, "sample.json"), "--sequence"]);
    const answers: string[] = [];
    const ask = async (path: string, init: RequestInit) => {
      const response = await fetch(`${url}${path}`, init);
      answers.push(`${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`);
      return response.status;
    };
    const chat = (content: string, extra = "") => ({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"model":"m","messages":[{"role":"user","content":"${content}"}],"stream":false${extra}}`,
    });
    expect(await ask("/v2/chat", chat("Bye"))).toBe(404);
    expect(await ask("/v2/chat", chat("Hi"))).toBe(200);
    expect(await ask("/v2/chat", chat("Hi"))).toBe(404); // the recorded answers are used up
    expect(await ask("/v2/chat", chat("Hi", `,"x":${"[".repeat(200)}${"]".repeat(200)}`))).toBe(400);
    expect(await ask("/v2/chat", { method: "POST", body: " ".repeat(2 * 1024 * 1024) })).toBe(413);
    expect(await ask("/v2/chat", { method: "PUT" })).toBe(405);
    // A method a cassette recorded is let through too.
    expect(await ask("/health", { method: "GET" })).toBe(200);
    expect(answers.join("\n")).toContain("sample.json interactions[0]");
    expect(answers.join("\n")).not.toContain(dir.split("/").at(-1));
    expect(answers.join("\n")).not.toContain(tmpdir());
  });

  it.each([
    [["--max-body-bytes", "0"], "--max-body-bytes must be a number > 0"],
    [["--max-body-bytes", "1.5"], "--max-body-bytes must be a whole number of bytes"],
    [["--request-timeout", "0"], "--request-timeout must be a number > 0"],
    [["--request-timeout", "soon"], "--request-timeout must be a number > 0"],
  ])("refuses %j with a usage error", async (flags, message) => {
    const { exit, out } = await serve(["--simulate", ...flags]);
    expect(exit).toBe(2);
    expect(out.stderr).toContain(message);
  });

  it("closes a connection that is slower than --request-timeout", async () => {
    const { url } = await serve(["--simulate", "--request-timeout", "0.3"]);
    const socket = connect(Number(new URL(url).port), "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => (received += chunk));
    socket.write("POST /v2/chat HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    await new Promise((resolve) => socket.on("close", resolve));
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });
});
