// A stand-in for api.cohere.com, for the test that proves the key never reaches the browser.
// It accepts only the key in FAKE_UPSTREAM_KEY and then behaves as badly as an upstream could: it
// echoes the key in a response header and in the reply text, so the demo's proxy has to hold it back.
// Usage: FAKE_UPSTREAM_KEY=... node e2e/fakeUpstream.mjs <port>
import { createServer } from "node:http";

const port = Number(process.argv[2]);
const key = process.env.FAKE_UPSTREAM_KEY ?? "";
/** Headers of the last chat request, for the test to check what the proxy sent. */
let lastHeaders = {};

/** One server-sent event, exactly as Cohere frames it. */
function frame(event) {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

const server = createServer(async (req, res) => {
  if (req.method === "GET" && req.url === "/health") return res.end("ok");
  if (req.method === "GET" && req.url === "/last-request") {
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify(lastHeaders));
  }
  if (req.method !== "POST" || req.url !== "/v2/chat") {
    res.writeHead(404, { "content-type": "application/json" });
    return res.end(JSON.stringify({ message: `no route for ${req.method} ${req.url}` }));
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  lastHeaders = req.headers;
  if (!key || req.headers.authorization !== `Bearer ${key}`) {
    res.writeHead(401, { "content-type": "application/json" });
    return res.end(JSON.stringify({ message: "invalid api token" }));
  }
  const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const lastUser = request.messages.findLast((message) => message.role === "user");
  const asked = typeof lastUser?.content === "string" ? lastUser.content : "";
  const text = `Upstream heard: ${asked}. Your key is ${key}.`;
  const leak = { "x-echo-authorization": req.headers.authorization, "set-cookie": `session=${key}` };
  if (!request.stream) {
    res.writeHead(200, { "content-type": "application/json", ...leak });
    return res.end(
      JSON.stringify({
        id: "fake-1",
        finish_reason: "COMPLETE",
        message: { role: "assistant", content: [{ type: "text", text }] },
      }),
    );
  }
  res.writeHead(200, { "content-type": "text/event-stream", "x-debug-trace-id": "fake-trace", ...leak });
  const events = [
    { type: "message-start", id: "fake-1", delta: { message: { role: "assistant" } } },
    { type: "content-start", index: 0, delta: { message: { content: { type: "text", text: "" } } } },
    // Word by word, each in its own write, so the proxy sees the key arrive in a chunk of its own.
    ...text.split(/(?<= )/).map((piece) => ({
      type: "content-delta",
      index: 0,
      delta: { message: { content: { text: piece } } },
    })),
    { type: "content-end", index: 0 },
    {
      type: "message-end",
      delta: { finish_reason: "COMPLETE", usage: { tokens: { input_tokens: 5, output_tokens: 9 } } },
    },
  ];
  for (const event of events) {
    res.write(frame(event));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  res.end("data: [DONE]\n\n");
});

server.listen(port, "127.0.0.1");
