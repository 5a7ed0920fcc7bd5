// Hostile clients against `parley-conformance serve` (the simulator and cassettes), on loopback: slowloris, a reader
// that stops, a thousand aborts, deep JSON, a huge body, every method. Each checks that memory stays bounded and
// that no socket, timer or listener is left behind. Counts and waits are bounded: idle, the file takes seconds.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  activeCount,
  allClosed,
  chatHead,
  declareHugeBody,
  deeplyNested,
  eventually,
  heapUsed,
  MiB,
  noConnectionLeft,
  rawClient,
  send,
  sendEndlessBody,
  type Warnings,
  watchWarnings,
} from "@parley/test-support";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sse } from "../test/sampleCassette";
import { type Served, watchServers } from "../test/watchServers";
import type { CommandIo } from "./io";
import { main } from "./main";

const MODEL = "command-a-03-2025";
const hi = { model: MODEL, messages: [{ role: "user", content: "Hi" }], stream: true };
const HI = JSON.stringify(hi);

interface Serving {
  url: string;
  port: number;
  stderr: string[];
  stop(): Promise<void>;
}

/** Runs `serve` in this process on a free port, as the binary would, until `stop()`. */
async function serve(args: string[]): Promise<Serving> {
  const stop = new AbortController();
  const stderr: string[] = [];
  let stdout = "";
  let listening: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => (listening = resolve));
  const io: CommandIo = {
    stdout: {
      write: (text: string) => {
        stdout += text;
        const match = /Listening on (\S+)/.exec(stdout);
        if (match) listening(match[1]!);
      },
    },
    stderr: { write: (text: string) => stderr.push(text) },
    signal: stop.signal,
    env: {},
  };
  const done = main(["serve", "--port", "0", ...args], io);
  const found = await Promise.race([url, done.then((code) => `exit ${code}: ${stderr.join("")}`)]);
  if (!found.startsWith("http")) throw new Error(found);
  return {
    url: found,
    port: Number(new URL(found).port),
    stderr,
    stop: async () => {
      stop.abort();
      expect(await done).toBe(0);
    },
  };
}

let dir = "";
let cassettes = "";
let warnings: Warnings;
let watch: Served;
let running: Serving | undefined;
let sockets = 0;
let timers = 0;

beforeAll(async () => {
  warnings = watchWarnings();
  dir = await mkdtemp(join(tmpdir(), "parley-hostile-"));
  cassettes = join(dir, "big.json");
  // 16 MiB of streamed text in 1,024 events: enough for a slow reader to make the server wait many times.
  const text = "x".repeat(16 * 1024);
  const events = Array.from({ length: 1024 }, () => ({
    type: "content-delta",
    index: 0,
    delta: { message: { content: { text } } },
  }));
  await writeFile(
    cassettes,
    JSON.stringify({
      interactions: [
        {
          request: { method: "POST", path: "/v2/chat", body: hi },
          response: { status: 200, headers: { "content-type": "text/event-stream" }, chunks: sse(events) },
        },
      ],
    }),
  );
});
afterAll(async () => {
  warnings.stop();
  await rm(dir, { recursive: true, force: true });
});

async function start(args: string[]): Promise<Serving> {
  watch = watchServers();
  sockets = activeCount("TCPSocketWrap");
  timers = activeCount("Timeout");
  running = await serve(args);
  return running;
}

afterEach(async () => {
  watch.stop();
  if (running) {
    // Every connection is gone on its own, before the server is told to stop.
    await noConnectionLeft(watch.servers, 15_000);
    for (const res of watch.responses) {
      expect(res.listenerCount("drain")).toBe(0);
      expect(res.listenerCount("close")).toBeLessThanOrEqual(2);
    }
    await running.stop();
    running = undefined;
  }
  await eventually(() => activeCount("TCPSocketWrap") <= sockets, 10_000, "no socket left open");
  // The refusals' grace timers last a second; nothing is left a few seconds on.
  await eventually(() => activeCount("Timeout") <= timers + 2, 10_000, "no timer left behind");
  expect(warnings.seen).toEqual([]);
});

// Idle, each test takes a second or a few; on a loaded 2-core machine it may take far longer.
const SLOW = { timeout: 120_000 };

describe("serve against hostile clients", () => {
  it(
    "slowloris: connections that send nothing, or headers or a body a byte at a time, get 408 and are closed",
    SLOW,
    async () => {
      const server = await start(["--simulate", "--request-timeout", "0.5"]);
      const heapBefore = heapUsed();
      const clients = Array.from({ length: 90 }, (_, i) => {
        const client = rawClient(server.port);
        const kind = i % 3; // 0: nothing at all, 1: headers a byte at a time, 2: headers, then the body a byte at a time
        const slow = kind === 1 ? chatHead(HI.length) + HI : HI;
        if (kind === 2) client.socket.write(chatHead(HI.length));
        let sent = 0;
        const timer = setInterval(() => {
          if (kind === 0 || client.closed || sent >= slow.length) return clearInterval(timer);
          client.socket.write(slow[sent++]!);
        }, 50);
        return { client, timer };
      });
      await allClosed(
        clients.map(({ client }) => client),
        15_000,
        "every slow connection closed",
      );
      for (const { client, timer } of clients) {
        clearInterval(timer);
        expect(client.received).toMatch(/^HTTP\/1\.1 408 /);
      }
      expect(heapUsed() - heapBefore).toBeLessThan(16 * MiB);
    },
  );

  it("a reader that reads slowly, then stops: one listener per answer, memory flat", SLOW, async () => {
    const server = await start(["--cassettes", cassettes]);
    const heapBefore = heapUsed();
    const client = rawClient(server.port);
    client.socket.write(chatHead(HI.length) + HI);
    let most = 0;
    let stopped = false;
    let read = 0;
    const readSlowly = () => {
      // Counted, not kept: the heap measured is the server's.
      read += client.received.length;
      client.received = "";
      client.socket.pause();
      setTimeout(() => stopped || client.socket.resume(), 2);
      for (const res of watch.responses)
        most = Math.max(most, res.listenerCount("drain") + res.listenerCount("close"));
    };
    client.socket.on("data", readSlowly);
    await eventually(() => read > 6 * MiB, 60_000, "6 MiB read slowly");
    stopped = true;
    client.socket.off("data", readSlowly);
    client.socket.pause();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const res = watch.responses[0]!;
    expect(res.writableLength).toBeLessThan(2 * MiB); // what waits in Node for the reader, beyond socket buffers
    expect(most).toBeLessThanOrEqual(4);
    expect(heapUsed() - heapBefore).toBeLessThan(16 * MiB);
    client.socket.destroy();
  });

  it("the simulator, unpaced, to a slow reader: one listener per answer", SLOW, async () => {
    const server = await start(["--simulate", "--tokens-per-second", "0"]);
    // A long prompt, which the reply quotes: 4,096 tokens, the most a reply holds.
    const words = Array.from({ length: 6000 }, (_, i) => `word${i}`).join(" ");
    const body = JSON.stringify({ ...hi, messages: [{ role: "user", content: words }] });
    const client = rawClient(server.port);
    client.socket.write(chatHead(Buffer.byteLength(body)) + body);
    let most = 0;
    client.socket.on("data", () => {
      client.socket.pause();
      setTimeout(() => client.socket.resume(), 1);
      for (const res of watch.responses)
        most = Math.max(most, res.listenerCount("drain") + res.listenerCount("close"));
    });
    await eventually(() => client.received.includes("data: [DONE]"), 60_000, "the whole reply");
    expect(client.received).toContain('"finish_reason":"MAX_TOKENS"');
    expect(most).toBeLessThanOrEqual(4);
    client.socket.destroy();
  });

  it("1,000 clients that leave mid-stream: every stream stops, nothing is left behind", SLOW, async () => {
    const server = await start(["--simulate", "--tokens-per-second", "20"]);
    const heapBefore = heapUsed();
    let left = 0;
    const leave = () =>
      new Promise<void>((resolve) => {
        const request = httpRequest(`${server.url}/v2/chat`, { method: "POST", agent: false }, (res) => {
          res.once("data", () => {
            left++;
            request.destroy();
          });
        });
        request.on("error", () => {});
        request.on("close", resolve);
        request.end(HI);
      });
    for (let batch = 0; batch < 20; batch++) await Promise.all(Array.from({ length: 50 }, leave));
    expect(left).toBe(1000);
    // The paced replies' timers are cleared as their clients leave, not left to run out (afterEach counts them).
    expect(heapUsed() - heapBefore).toBeLessThan(16 * MiB);
  });

  it(
    "JSON nested 100,000 deep gets 400 from the simulator and from cassettes, and the server serves on",
    SLOW,
    async () => {
      for (const source of [
        ["--simulate", "--tokens-per-second", "0"],
        ["--cassettes", cassettes],
      ]) {
        const server = await start(source);
        for (const deep of deeplyNested(HI)) {
          const answer = await send(`${server.url}/v2/chat`, "POST", deep);
          expect(answer.status, source[0]).toBe(400);
          expect(JSON.parse(answer.text).message).toBe(
            "invalid request: the body nests deeper than 128 levels",
          );
        }
        expect((await send(`${server.url}/v2/chat`, "POST", HI)).status).toBe(200);
        watch.stop();
        await running!.stop();
        running = undefined;
      }
    },
  );

  it(
    "a huge body is cut off at the limit with 413 and the connection closed; memory stays flat",
    SLOW,
    async () => {
      const server = await start(["--simulate"]);
      const heapBefore = heapUsed();

      // Declared: refused before a byte of it is read.
      const declared = rawClient(server.port);
      await declareHugeBody(declared);
      expect(declared.received).toMatch(/^HTTP\/1\.1 413 /);
      expect(declared.received).toContain('{"message":"the request body is larger than 1048576 bytes"}');

      // Undeclared: up to 256 MiB sent as fast as the server takes it.
      const chunked = rawClient(server.port);
      const sent = await sendEndlessBody(chunked, 256);
      expect(chunked.received).toMatch(/^HTTP\/1\.1 413 /);
      expect(sent).toBeLessThan(256);
      const serverRead = watch.sockets.reduce((sum, socket) => sum + socket.bytesRead, 0);
      expect(serverRead).toBeLessThan(16 * MiB);
      expect(heapUsed() - heapBefore).toBeLessThan(16 * MiB);
    },
  );

  it("--max-body-bytes sets the limit", SLOW, async () => {
    const server = await start(["--simulate", "--tokens-per-second", "0", "--max-body-bytes", "100"]);
    const answer = await send(`${server.url}/v2/chat`, "POST", HI.padEnd(101, " "));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual({ message: "the request body is larger than 100 bytes" });
    expect((await send(`${server.url}/v2/chat`, "POST", HI.padEnd(100, " "))).status).toBe(200);
  });

  it(
    "every method but POST gets 405 with an Allow that lists POST, from the simulator and from cassettes",
    SLOW,
    async () => {
      const methods = ["GET", "HEAD", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "MKCOL", "LOCK", "COPY"];
      for (const source of [["--simulate"], ["--cassettes", cassettes]]) {
        const server = await start(source);
        for (const method of [
          ...methods,
          "PURGE",
          "M-SEARCH",
          "NOTIFY",
          "SUBSCRIBE",
          "REPORT",
          "LINK",
          "QUERY",
        ]) {
          const answer = await send(`${server.url}/v2/chat`, method);
          expect(answer.status, `${source[0]} ${method}`).toBe(405);
          expect(answer.headers.allow, method).toBe("POST, OPTIONS");
        }
        const options = await send(`${server.url}/v2/chat`, "OPTIONS");
        expect(options.status).toBe(204);
        expect(options.headers.allow).toBe("POST, OPTIONS");
        // CONNECT asks for a tunnel: the connection is dropped and the server serves on.
        const connect = rawClient(server.port);
        connect.socket.write("CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n");
        await eventually(() => connect.closed, 10_000, "CONNECT refused");
        expect(connect.received).not.toMatch(/ 200 /);
        expect((await send(`${server.url}/v2/chat`, "POST", HI)).status).toBe(200);
        watch.stop();
        await running!.stop();
        running = undefined;
      }
    },
  );
});
