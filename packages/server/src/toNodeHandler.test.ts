import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { eventually } from "@parley/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { createChatHandler } from "./createChatHandler";
import { expectStreamedThrough } from "./test/expectStreamedThrough";
import { abortedWithin, controlledStream, eventStream, fakeUpstream, replyFrames } from "./test/fakeUpstream";
import { listen, type TestServer } from "./test/nodeServer";
import { KEY } from "./test/secrets";
import { collectLog, readAnswer, recordHeaders, transcript } from "./test/transcript";
import { toNodeHandler } from "./toNodeHandler";

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const hi = { model: "command-a-03-2025", messages: [{ role: "user", content: "Hi" }] };
const json = { "content-type": "application/json" };

/** Sends raw bytes and collects what comes back until the server closes the connection. */
function rawExchange(port: number, write: (socket: ReturnType<typeof connect>) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => write(socket));
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => (text += chunk));
    socket.on("close", () => {
      transcript.push(text);
      resolve(text);
    });
    socket.on("error", reject);
  });
}

describe("toNodeHandler", () => {
  it("serves the handler over Node's http, writing each chunk as it arrives", async () => {
    const stream = controlledStream();
    const upstream = fakeUpstream(() => eventStream(stream.body, { "x-debug-trace-id": "t-1" }));
    running = await listen(toNodeHandler(createChatHandler({ apiKey: KEY, fetch: upstream.fetch })));
    const response = await fetch(`${running.origin}/api/v2/chat`, {
      method: "POST",
      headers: { ...json, origin: running.origin },
      body: JSON.stringify({ ...hi, stream: true }),
    });
    recordHeaders(response);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-debug-trace-id")).toBe("t-1");
    await expectStreamedThrough(response, stream);
    expect(upstream.calls[0]!.body).toEqual({ ...hi, stream: true });
  });

  it("aborts the upstream request within a second when the client's connection closes mid-stream", async () => {
    const stream = controlledStream();
    const upstream = fakeUpstream(() => eventStream(stream.body));
    running = await listen(toNodeHandler(createChatHandler({ apiKey: KEY, fetch: upstream.fetch })));
    const browser = new AbortController();
    const response = await fetch(`${running.origin}/v2/chat`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ ...hi, stream: true }),
      signal: browser.signal,
    });
    recordHeaders(response);
    stream.push(replyFrames(["Hi"])[0]!);
    await response.body!.getReader().read();
    browser.abort();
    await abortedWithin(upstream.calls[0]!.signal, 1000);
    await stream.cancelled;
  });

  it("stops reading a body past maxBodyBytes, answers 413 and closes the connection", async () => {
    const upstream = fakeUpstream();
    running = await listen(
      toNodeHandler(createChatHandler({ apiKey: KEY, maxBodyBytes: 10_000, fetch: upstream.fetch })),
    );
    const answer = await new Promise<{ status: number; body: string; connection: string | undefined }>(
      (resolve, reject) => {
        const request = httpRequest(
          `${running!.origin}/v2/chat`,
          { method: "POST", headers: json },
          (res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (chunk) => (body += chunk));
            res.on("end", () =>
              resolve({ status: res.statusCode!, body, connection: res.headers.connection }),
            );
          },
        );
        request.on("error", reject);
        // 200 chunks of 1 KB with no Content-Length: the server must cut it off by counting.
        const chunk = "x".repeat(1024);
        let sent = 0;
        const write = () => {
          while (sent < 200) {
            sent++;
            if (!request.write(chunk)) return request.once("drain", write);
          }
          request.end();
        };
        write();
      },
    );
    transcript.push(answer.body);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ message: "the body is larger than 10000 bytes" });
    expect(answer.connection).toBe("close");
    expect(upstream.calls).toHaveLength(0);
  });

  it("takes the body an Express or Connect JSON parser already read", async () => {
    const upstream = fakeUpstream();
    const node = toNodeHandler(createChatHandler({ apiKey: KEY, fetch: upstream.fetch }));
    running = await listen(async (req, res) => {
      let text = "";
      for await (const chunk of req) text += chunk;
      Object.assign(req, { body: JSON.parse(text) });
      node(req, res);
    });
    const response = await fetch(`${running.origin}/v2/chat`, {
      method: "POST",
      headers: json,
      body: JSON.stringify(hi),
    });
    expect((await readAnswer(response)).status).toBe(200);
    expect(upstream.calls[0]!.body).toEqual(hi);
  });

  it("answers 408 and closes the connection when the body does not arrive within bodyTimeoutMs", async () => {
    const { lines, log } = collectLog();
    const upstream = fakeUpstream();
    running = await listen(
      toNodeHandler(createChatHandler({ apiKey: KEY, log, fetch: upstream.fetch }), { bodyTimeoutMs: 200 }),
    );
    const text = await rawExchange(running.port, (socket) =>
      socket.write(
        `POST /v2/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"mo`,
      ),
    );
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(text).toContain('{"message":"the request body did not arrive within 200 ms"}');
    expect(upstream.calls).toHaveLength(0);
    await eventually(() => lines.length === 1, 1000, "one log line");
    expect(lines).toEqual([
      "@parley/server: the request body broke off after 4 bytes (the client did not send its body within 200 ms)",
    ]);
  });

  it("logs an upload the client abandoned as one line", async () => {
    const { lines, log } = collectLog();
    const upstream = fakeUpstream();
    running = await listen(toNodeHandler(createChatHandler({ apiKey: KEY, log, fetch: upstream.fetch })));
    const socket = connect(running.port, "127.0.0.1");
    socket.write(
      `POST /v2/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"mo`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await eventually(() => lines.length > 0, 2000, "a log line");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines).toEqual([
      "@parley/server: the request body broke off after 4 bytes (the client closed the connection during the upload)",
    ]);
    expect(upstream.calls).toHaveLength(0);
  });

  it("answers 400 to a Host header that makes no URL, and 403 to a malformed Origin, without throwing", async () => {
    const upstream = fakeUpstream();
    running = await listen(toNodeHandler(createChatHandler({ apiKey: KEY, fetch: upstream.fetch })));
    const badHost = await rawExchange(running.port, (socket) =>
      socket.end(
        "POST /v2/chat HTTP/1.1\r\nHost: a b\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
      ),
    );
    expect(badHost).toMatch(/^HTTP\/1\.1 400 /);
    for (const origin of ["not a url", "null"]) {
      const response = await fetch(`${running.origin}/v2/chat`, {
        method: "POST",
        headers: { ...json, origin },
        body: JSON.stringify(hi),
      });
      expect((await readAnswer(response)).status).toBe(403);
    }
    expect(upstream.calls).toHaveLength(0);
  });
});
