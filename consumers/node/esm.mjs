// Node ESM: every entry of every package imports, and a chat goes over real HTTP to the simulated provider.
import assert from "node:assert/strict";
import { createReplayFetch, createSimulatedProvider } from "@parley/conformance";
import { createServer } from "@parley/conformance/node";
import { ClientV2, messageText, NotFoundError, ValidationError } from "@parley/core";
import { isChatResponse, validateRequest } from "@parley/core/protocol";
import { useChat, useChatSelector } from "@parley/react";

assert.equal(typeof createReplayFetch, "function");
assert.equal(typeof useChat, "function");
assert.equal(typeof useChatSelector, "function");
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
console.log("esm ok");
