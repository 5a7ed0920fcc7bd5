// Node ESM: every entry of every package imports, a chat goes over real HTTP to the simulated provider, and one
// streams through @parley/server's handler on node:http (toNodeHandler) with the simulator as its upstream.
import assert from "node:assert/strict";
import { createServer as createHttpServer } from "node:http";
import { createReplayFetch, createSimulatedProvider } from "@parley/conformance";
import { createServer } from "@parley/conformance/node";
import { BadRequestError, ClientV2, messageText, NotFoundError, ValidationError } from "@parley/core";
import { isChatResponse, validateRequest } from "@parley/core/protocol";
import { useChat, useChatSelector } from "@parley/react";
import { createChatHandler, DEFAULT_BASE_URL } from "@parley/server";
import { toNodeHandler } from "@parley/server/node";

assert.equal(typeof createReplayFetch, "function");
assert.equal(typeof useChat, "function");
assert.equal(typeof useChatSelector, "function");
assert.equal(DEFAULT_BASE_URL, "https://api.cohere.com");
// One class across entries: the protocol entry's validator throws the root entry's ValidationError.
assert.throws(() => validateRequest({ model: "", messages: [] }), ValidationError);

const server = await createServer(createSimulatedProvider({ tokensPerSecond: 0, firstTokenDelayMs: 0 }));
try {
  const co = new ClientV2({ baseUrl: server.url, apiKey: "consumer" });
  const request = { model: "command-a-03-2025", messages: [{ role: "user", content: "Hello from ESM" }] };
  const res = await co.chat(request);
  assert.ok(isChatResponse(res));
  let streamed = "";
  for await (const event of await co.chatStream(request)) {
    if (event.type === "content-delta") streamed += event.delta.message.content.text ?? "";
  }
  assert.equal(streamed, messageText(res.message));
  await assert.rejects(co.chat({ ...request, model: "no-such-model" }), NotFoundError);
} finally {
  await server.close();
}

// The server half as the README mounts it: the browser's ClientV2 sends no key, the handler adds it upstream.
const key = "consumer-server-key";
const upstream = createSimulatedProvider({ apiKey: key, tokensPerSecond: 0, firstTokenDelayMs: 0 });
const handler = createChatHandler({ apiKey: key, models: ["command-a-03-2025"], fetch: upstream });
const http = createHttpServer(toNodeHandler(handler));
await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
try {
  const co = new ClientV2({
    baseUrl: `http://127.0.0.1:${http.address().port}/api`,
    apiKey: "",
    maxRetries: 0,
  });
  const request = {
    model: "command-a-03-2025",
    messages: [{ role: "user", content: "Hello through the server" }],
  };
  let streamed = "";
  let deltas = 0;
  for await (const event of await co.chatStream(request)) {
    if (event.type === "content-delta") {
      deltas++;
      streamed += event.delta.message.content.text ?? "";
    }
  }
  const direct = new ClientV2({ apiKey: key, fetch: upstream });
  assert.ok(deltas > 1, `${deltas} deltas through the handler`);
  assert.equal(streamed, messageText((await direct.chat(request)).message));
  // The policy holds: a model off the list is refused before anything goes upstream.
  await assert.rejects(
    co.chat({ ...request, model: "command-r" }),
    (error) => error instanceof BadRequestError && /"command-r" is not served here/.test(error.message),
  );
} finally {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
}
console.log("esm ok");
